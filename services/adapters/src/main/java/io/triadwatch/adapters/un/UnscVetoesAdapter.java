package io.triadwatch.adapters.un;

import io.triadwatch.adapters.AbstractAdapterRun;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.EventAdapter;
import io.triadwatch.adapters.ProgressListener;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.adapters.country.CountryNames;
import io.triadwatch.adapters.input.CsvRows;
import io.triadwatch.adapters.input.Header;
import io.triadwatch.adapters.input.Inputs;
import io.triadwatch.adapters.input.Row;
import io.triadwatch.adapters.input.RowReader;
import io.triadwatch.model.Source;
import io.triadwatch.model.UnVote;
import io.triadwatch.model.UnVote.Choice;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The list of Security Council vetoes, one row per vetoed draft, to {@link UnVote}s with outcome
 * VETOED (format {@code unsc-vetoes}).
 * <p>
 * Input: the CSV of the world-politics-datalab veto list, header {@code year,date,month,draft,
 * meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3,...}
 * (columns found by name), dates {@code m/d/yyyy} (US order: {@code 12/13/2021}), checked against
 * the {@code year} column.
 * <p>
 * The file says only who vetoed, so each event's {@code votes} holds just the vetoing permanent
 * members, each {@link Choice#VETO}; the other members' votes are unknown and left out (not
 * guessed as YES). Vetoers come from {@code member_veto1..3}, which name every vetoer; the one-hot
 * columns ({@code China}, {@code UK}, ...) miss some (the 1977 and 1981 triple vetoes have no
 * {@code France} flag) and are not read. Seat names map to codes by the Council's seats:
 * {@code USSR} and {@code Russia} are RUS (the Russian Federation holds the USSR's seat since 1991),
 * {@code China} is TWN before 25 October 1971 (the Republic of China held the seat until General
 * Assembly resolution 2758) and CHN from then on, {@code UK} GBR, {@code USA} USA, {@code France}
 * FRA. The {@code draft} column holds the draft symbol or, for early vetoes, the meeting record
 * ({@code S/PV.49}); several vetoes at one meeting share it, and {@link DraftIds} numbers them.
 * {@code subject} and {@code yesMeans} from the agenda item as in {@link AgendaSubject}.
 * <p>
 * Skipped: unreadable rows ({@link SkipReason#MALFORMED}: column count, date, no vetoer) and a
 * vetoer that is not one of the five seats ({@link SkipReason#UNKNOWN_COUNTRY}). Immutable and
 * thread-safe.
 */
public final class UnscVetoesAdapter implements EventAdapter {
    /** The format name. */
    public static final String FORMAT = "unsc-vetoes";
    /** The day the People's Republic of China took the China seat (General Assembly resolution 2758). */
    public static final LocalDate PRC_SEAT_FROM = LocalDate.of(1971, 10, 25);

    private static final List<String> REQUIRED = List.of("year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic",
            "region", "member_veto1", "member_veto2", "member_veto3");
    private static final List<String> VETOER_COLUMNS = List.of("member_veto1", "member_veto2", "member_veto3");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Map<String, String> SEATS = Map.of(
            "france", "FRA", "uk", "GBR", "united kingdom", "GBR", "usa", "USA", "united states", "USA",
            "russia", "RUS", "russian federation", "RUS", "ussr", "RUS", "soviet union", "RUS");

    private final AgendaSubject agenda = new AgendaSubject(CountryNames.standard());

    @Override
    public String format() {
        return FORMAT;
    }

    /** Recognizes the vetoes header: comma-separated, with every required column. */
    @Override
    public boolean recognizes(String firstLine) {
        return Header.names(CsvRows.split(firstLine), REQUIRED);
    }

    @Override
    public AdapterRun open(InputStream in, String name, ProgressListener progress) throws IOException {
        CsvRows rows = new CsvRows(Inputs.utf8(Inputs.content(in, name)));
        return new Run(rows, Header.read(rows, name, FORMAT, REQUIRED), name, progress);
    }

    /**
     * @param seat the seat as the file names it ({@code China}, {@code USSR}, {@code UK}...)
     * @param day  the day of the vote
     * @return the ISO alpha-3 code of the state holding that seat that day, or empty
     */
    static Optional<String> seat(String seat, LocalDate day) {
        String key = seat.strip().toLowerCase(Locale.ROOT);
        if (key.equals("china")) {
            return Optional.of(day.isBefore(PRC_SEAT_FROM) ? "TWN" : "CHN");
        }
        return Optional.ofNullable(SEATS.get(key));
    }

    private final class Run extends AbstractAdapterRun {
        private final Header header;
        private final DraftIds ids = new DraftIds();

        Run(RowReader rows, Header header, String name, ProgressListener progress) {
            super(FORMAT, name, progress, rows);
            this.header = header;
        }

        @Override
        protected void convert(Row row) {
            long line = row.line();
            if (row.size() != header.width()) {
                skip(SkipReason.MALFORMED, line, "expected " + header.width() + " columns as in the header, got " + row.size());
                return;
            }
            String dateText = header.get(row, "date");
            LocalDate day;
            try {
                day = LocalDate.parse(dateText, DATE);
            } catch (DateTimeParseException e) {
                skip(SkipReason.MALFORMED, line, "date '" + dateText + "' is not m/d/yyyy");
                return;
            }
            if (!header.get(row, "year").equals(Integer.toString(day.getYear()))) {
                skip(SkipReason.MALFORMED, line, "year '" + header.get(row, "year") + "' does not match date '" + dateText + "'");
                return;
            }
            String draft = header.get(row, "draft");
            if (draft.isEmpty()) {
                skip(SkipReason.MALFORMED, line, "draft is empty");
                return;
            }
            Map<String, Choice> votes = new TreeMap<>();
            List<String> vetoers = new ArrayList<>();
            for (String column : VETOER_COLUMNS) {
                String seat = header.get(row, column);
                if (seat.isEmpty()) {
                    continue;
                }
                Optional<String> code = seat(seat, day);
                if (code.isEmpty()) {
                    skip(SkipReason.UNKNOWN_COUNTRY, line, column + " '" + seat + "' is not a permanent member's seat");
                    return;
                }
                votes.put(code.get(), Choice.VETO);
                vetoers.add(seat.equalsIgnoreCase(code.get()) ? seat : seat + " (" + code.get() + ")");
            }
            if (votes.isEmpty()) {
                skip(SkipReason.MALFORMED, line, "no vetoing member in member_veto1..3");
                return;
            }
            String id = ids.next(draft);
            String agendaItem = header.get(row, "agenda_item");
            AgendaSubject.Reading reading = agenda.read(agendaItem);
            String summary = clip(summary(row, draft, agendaItem, vetoers, reading));
            tryProduce(() -> new UnVote(id, day.atStartOfDay(ZoneOffset.UTC).toInstant(), null,
                    new Source(clip("UN Security Council vetoes 1946-2022 (" + input() + ")", UnscVotesAdapter.SOURCE_NAME_MAX),
                            UnscVotesAdapter.url(draft)),
                    summary, UnVote.Body.UNSC, draft, null, reading.subject(), reading.yesMeans(), UnVote.Outcome.VETOED, votes),
                    List.of(line));
        }

        private String summary(Row row, String draft, String agendaItem, List<String> vetoers, AgendaSubject.Reading reading) {
            List<String> context = new ArrayList<>();
            for (String column : List.of("crisis_topic", "region")) {
                String value = header.get(row, column);
                if (!value.isEmpty()) {
                    context.add(column.replace('_', ' ') + " " + value);
                }
            }
            String meeting = header.get(row, "meeting_record").replaceAll("\\s+", ", ");
            StringBuilder s = new StringBuilder("UNSC veto of draft ").append(draft).append(" by ").append(String.join(", ", vetoers))
                    .append(", agenda item '").append(agendaItem).append("'");
            if (!context.isEmpty()) {
                s.append(" (").append(String.join("; ", context)).append(')');
            }
            if (!meeting.isEmpty()) {
                s.append("; meeting ").append(meeting);
            }
            s.append("; other members' votes not in the source");
            if (reading.subject() != null) {
                s.append("; subject ").append(reading.subject()).append(", YES means ").append(reading.yesMeans());
            }
            return s.toString();
        }
    }
}
