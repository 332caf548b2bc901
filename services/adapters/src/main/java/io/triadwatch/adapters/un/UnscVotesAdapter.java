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
import io.triadwatch.model.UnVote.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * UN Security Council voting records, one row per member vote, to one {@link UnVote} per vote
 * (format {@code unsc-votes}).
 * <p>
 * Input: CSV with header {@code ID,Year,Date,Resolution,Draft,Outcome,Agenda item,Category,Region,
 * Vote,Member State} (columns found by name), dates {@code dd/mm/yyyy}.
 * <p>
 * <b>Grouping.</b> The rows of one vote share the {@code ID} column (the source's vote number) and
 * are contiguous; the file is in vote order, <em>not</em> sorted by draft symbol, and the symbol is
 * not even unique ({@code S/2025/270} labels two votes three weeks apart). So rows are grouped by
 * {@code ID}: the run buffers the rows of the current vote only (15 in practice, at most
 * {@value #MAX_ROWS_PER_VOTE}, the contract's limit on votes) and emits the event when the ID
 * changes. A vote whose rows reappear after another vote began is not merged: those rows are skipped
 * as malformed (this needs the set of finished vote IDs, a few thousand numbers at most).
 * <p>
 * <b>Each vote.</b> {@code id} from {@link DraftIds}; {@code draft} = Draft (whitespace and line
 * breaks trimmed); {@code resolution} = Resolution when present; {@code occurredAt} = Date;
 * {@code outcome}: {@code Adopted ...} is ADOPTED, {@code Not adopted - veto} VETOED, any other
 * {@code Not adopted ...} NOT_ADOPTED; {@code votes}: Member State mapped by {@link CountryNames},
 * Vote {@code Yes}/{@code No}/{@code Abstain}/{@code Absent} (also {@code Non-voting},
 * {@code Did not participate} as ABSENT), and a permanent member's NO on a vetoed draft becomes
 * VETO; {@code subject} and {@code yesMeans} from the agenda item, see {@link AgendaSubject}.
 * {@code source.url} links the draft at {@code undocs.org}.
 * <p>
 * <b>Bad rows</b> are skipped, never fatal: a row whose ID, date, outcome or vote cannot be read, or
 * whose vote-level columns disagree with the vote's first row, is {@link SkipReason#MALFORMED}; an
 * unknown member name {@link SkipReason#UNKNOWN_COUNTRY}; a member listed twice with the same vote
 * {@link SkipReason#DUPLICATE} (the first row counts); a member listed twice with different votes
 * {@link SkipReason#CONFLICTING_VOTE} for every one of its rows, and the member is left out of the
 * vote, since the file does not say which row is right. Immutable and thread-safe.
 */
public final class UnscVotesAdapter implements EventAdapter {
    /** The format name. */
    public static final String FORMAT = "unsc-votes";
    /** The most member rows buffered for one vote: the contract's limit on the votes of one event. */
    public static final int MAX_ROWS_PER_VOTE = 200;

    /** The schema's limit on {@code source.name}. */
    static final int SOURCE_NAME_MAX = 200;
    private static final List<String> REQUIRED = List.of("ID", "Year", "Date", "Resolution", "Draft", "Outcome", "Agenda item",
            "Category", "Vote", "Member State");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern VOTE_ID = Pattern.compile("[0-9]{1,9}");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9/._()-]+");
    private static final Map<String, Choice> CHOICES = Map.of(
            "yes", Choice.YES, "no", Choice.NO, "abstain", Choice.ABSTAIN, "absent", Choice.ABSENT,
            "non-voting", Choice.ABSENT, "did not participate", Choice.ABSENT, "not participating", Choice.ABSENT);

    private final CountryNames countries = CountryNames.standard();
    private final AgendaSubject agenda = new AgendaSubject(countries);

    @Override
    public String format() {
        return FORMAT;
    }

    /** Recognizes the votes header: comma-separated, with every required column. */
    @Override
    public boolean recognizes(String firstLine) {
        return Header.names(CsvRows.split(firstLine), REQUIRED);
    }

    @Override
    public AdapterRun open(InputStream in, String name, ProgressListener progress) throws IOException {
        CsvRows rows = new CsvRows(Inputs.utf8(Inputs.content(in, name)));
        return new Run(rows, Header.read(rows, name, FORMAT, REQUIRED), name, progress);
    }

    /** Parses an outcome text; empty when unknown. */
    static Optional<Outcome> outcome(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("adopted")) {
            return Optional.of(Outcome.ADOPTED);
        }
        if (t.startsWith("not adopted")) {
            return Optional.of(t.contains("veto") ? Outcome.VETOED : Outcome.NOT_ADOPTED);
        }
        return Optional.empty();
    }

    /** The vote-level columns, equal on every row of one vote. */
    private record VoteFields(String voteId, LocalDate date, String resolution, String draft, Outcome outcome, String agenda,
                              String category) {
    }

    /** One readable member row. */
    private record MemberRow(long line, String member, String memberName, Choice choice) {
    }

    private final class Run extends AbstractAdapterRun {
        private final Header header;
        private final DraftIds ids = new DraftIds();
        private final Set<String> finished = new HashSet<>();
        private VoteFields current;
        private long currentLine;
        private final List<MemberRow> members = new ArrayList<>();

        Run(RowReader rows, Header header, String name, ProgressListener progress) {
            super(FORMAT, name, progress, rows);
            this.header = header;
        }

        @Override
        protected boolean endOfInput() {
            if (current == null) {
                return false;
            }
            flush();
            return true;
        }

        @Override
        protected void convert(Row row) {
            long line = row.line();
            if (row.size() != header.width()) {
                skip(SkipReason.MALFORMED, line, "expected " + header.width() + " columns as in the header, got " + row.size());
                return;
            }
            VoteFields vote;
            try {
                vote = voteFields(row);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                skip(SkipReason.MALFORMED, line, e.getMessage());
                return;
            }
            if (current != null && !current.voteId().equals(vote.voteId())) {
                flush();
            }
            if (current == null) {
                if (finished.contains(vote.voteId())) {
                    skip(SkipReason.MALFORMED, line, "vote " + vote.voteId() + " reappears after its rows ended; a vote's rows must be contiguous");
                    return;
                }
                current = vote;
                currentLine = line;
            } else if (!current.equals(vote)) {
                skip(SkipReason.MALFORMED, line, "vote-level columns disagree with the first row of vote " + vote.voteId()
                        + " (line " + currentLine + "): " + vote + " vs " + current);
                return;
            }
            member(row, line);
        }

        private void member(Row row, long line) {
            String name = header.get(row, "Member State");
            String voteText = header.get(row, "Vote");
            Choice choice = CHOICES.get(voteText.toLowerCase(Locale.ROOT));
            if (choice == null) {
                skip(SkipReason.MALFORMED, line, "Vote '" + voteText + "' is not Yes, No, Abstain or Absent");
                return;
            }
            if (name.isEmpty()) {
                skip(SkipReason.MALFORMED, line, "Member State is empty");
                return;
            }
            Optional<String> code = countries.code(name);
            if (code.isEmpty()) {
                skip(SkipReason.UNKNOWN_COUNTRY, line, "Member State '" + name + "' is not in the country table");
                return;
            }
            if (members.size() >= MAX_ROWS_PER_VOTE) {
                skip(SkipReason.MALFORMED, line, "vote " + current.voteId() + " has more than " + MAX_ROWS_PER_VOTE + " member rows");
                return;
            }
            members.add(new MemberRow(line, code.get(), name, choice));
        }

        private VoteFields voteFields(Row row) {
            String voteId = header.get(row, "ID");
            if (!VOTE_ID.matcher(voteId).matches()) {
                throw new IllegalArgumentException("ID '" + voteId + "' is not a vote number");
            }
            String dateText = header.get(row, "Date");
            LocalDate date;
            try {
                date = LocalDate.parse(dateText, DATE);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Date '" + dateText + "' is not dd/mm/yyyy", e);
            }
            String year = header.get(row, "Year");
            if (!year.equals(Integer.toString(date.getYear()))) {
                throw new IllegalArgumentException("Year '" + year + "' does not match Date '" + dateText + "'");
            }
            String draft = header.get(row, "Draft");
            if (draft.isEmpty()) {
                throw new IllegalArgumentException("Draft is empty");
            }
            String outcomeText = header.get(row, "Outcome");
            Outcome outcome = outcome(outcomeText)
                    .orElseThrow(() -> new IllegalArgumentException("Outcome '" + outcomeText + "' is not 'Adopted ...' or 'Not adopted ...'"));
            String resolution = header.get(row, "Resolution");
            return new VoteFields(voteId, date, resolution.isEmpty() ? null : resolution, draft, outcome,
                    header.get(row, "Agenda item"), header.get(row, "Category"));
        }

        /** Emits the buffered vote: one event from its usable member rows, skips for the others. */
        private void flush() {
            VoteFields vote = current;
            finished.add(vote.voteId());
            Map<String, List<MemberRow>> byMember = new LinkedHashMap<>();
            for (MemberRow m : members) {
                byMember.computeIfAbsent(m.member(), k -> new ArrayList<>()).add(m);
            }
            Map<String, Choice> votes = new HashMap<>();
            List<Long> lines = new ArrayList<>();
            byMember.forEach((member, list) -> {
                Set<Choice> choices = list.stream().map(MemberRow::choice).collect(Collectors.toSet());
                if (choices.size() > 1) {
                    for (MemberRow m : list) {
                        skip(SkipReason.CONFLICTING_VOTE, m.line(), m.memberName() + " is listed with different votes " + new TreeSet<>(choices)
                                + " on " + vote.draft() + " (vote " + vote.voteId() + "); the member is left out");
                    }
                    return;
                }
                MemberRow first = list.get(0);
                votes.put(member, effective(member, first.choice(), vote.outcome()));
                lines.add(first.line());
                for (MemberRow m : list.subList(1, list.size())) {
                    skip(SkipReason.DUPLICATE, m.line(), m.memberName() + " is listed again with the same vote on " + vote.draft()
                            + " (first at line " + first.line() + ")");
                }
            });
            members.clear();
            current = null;
            if (lines.isEmpty()) {
                return;
            }
            lines.sort(null);
            String id = ids.next(vote.draft());
            AgendaSubject.Reading reading = agenda.read(vote.agenda());
            tryProduce(() -> new UnVote(id, vote.date().atStartOfDay(ZoneOffset.UTC).toInstant(), null,
                    new Source(clip("UN Security Council voting records (" + input() + ", vote " + vote.voteId() + ")", SOURCE_NAME_MAX), url(vote.draft())),
                    clip(summary(vote, votes, reading)), UnVote.Body.UNSC, vote.draft(), vote.resolution(), reading.subject(),
                    reading.yesMeans(), vote.outcome(), votes), lines);
        }

        private String summary(VoteFields vote, Map<String, Choice> votes, AgendaSubject.Reading reading) {
            Map<Choice, Long> tally = new TreeMap<>(votes.values().stream().collect(Collectors.groupingBy(c -> c, Collectors.counting())));
            String vetoes = votes.entrySet().stream().filter(e -> e.getValue() == Choice.VETO).map(Map.Entry::getKey).sorted()
                    .collect(Collectors.joining(", "));
            StringBuilder s = new StringBuilder("UNSC vote on draft ").append(vote.draft());
            if (vote.resolution() != null) {
                s.append(" (resolution ").append(vote.resolution()).append(')');
            }
            s.append(", agenda item '").append(vote.agenda()).append("'");
            if (!vote.category().isEmpty()) {
                s.append(" [").append(vote.category()).append(']');
            }
            s.append(": ").append(vote.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (!vetoes.isEmpty()) {
                s.append(" by ").append(vetoes);
            }
            s.append("; ").append(tally.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
            if (reading.subject() != null) {
                s.append("; subject ").append(reading.subject()).append(", YES means ").append(reading.yesMeans());
            }
            return s.toString();
        }
    }

    /** A permanent member's NO on a vetoed draft is its veto. */
    static Choice effective(String member, Choice choice, Outcome outcome) {
        return choice == Choice.NO && outcome == Outcome.VETOED && UnVote.PERMANENT_MEMBERS.contains(member) ? Choice.VETO : choice;
    }

    /** @return the draft's page at undocs.org, or null when the symbol has unusual characters */
    static String url(String draft) {
        Objects.requireNonNull(draft, "draft");
        return URL_SAFE.matcher(draft).matches() ? "https://undocs.org/" + draft : null;
    }
}
