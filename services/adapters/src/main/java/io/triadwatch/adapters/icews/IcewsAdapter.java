package io.triadwatch.adapters.icews;

import io.triadwatch.adapters.AbstractAdapterRun;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.EventAdapter;
import io.triadwatch.adapters.ProgressListener;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.adapters.country.CountryNames;
import io.triadwatch.adapters.input.Header;
import io.triadwatch.adapters.input.Inputs;
import io.triadwatch.adapters.input.Row;
import io.triadwatch.adapters.input.RowReader;
import io.triadwatch.adapters.input.TabRows;
import io.triadwatch.model.CodedEvent;
import io.triadwatch.model.Source;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ICEWS coded events to {@link CodedEvent}s (format {@code icews}).
 * <p>
 * Input: the ICEWS {@code .tab} export, tab-separated with a header row naming the columns
 * ({@code Event ID}, {@code Event Date}, {@code Source Name}, {@code Source Sectors},
 * {@code Source Country}, {@code Event Text}, {@code CAMEO Code}, {@code Intensity},
 * {@code Target Name}, {@code Target Sectors}, {@code Target Country}, {@code Story ID},
 * {@code Sentence Number}, {@code Publisher}, and optionally the place columns); columns are found
 * by name, so their order does not matter.
 * <p>
 * Each row becomes one event: {@code id} = {@code icews:<Event ID>}; {@code occurredAt} = Event
 * Date; {@code actor1}/{@code actor2} = Source/Target Country mapped to ISO alpha-3 by
 * {@link CountryNames}; {@code cameo} = CAMEO Code as a string; {@code goldstein} = Intensity (the
 * ICEWS value, which differs from GDELT's Goldstein table for some codes). ICEWS has no mention or
 * source counts: {@code mentions} is left out and {@code confidence} stays at the contract's
 * default, since a constant would only rescale every ICEWS event alike.
 * <p>
 * The contract has no field for the people involved, so the {@code summary} keeps them in a fixed
 * shape a registry matcher can read: {@code <source name> [<source sectors>] (<source country>) ->
 * <target name> [<target sectors>] (<target country>): <code> <event text>; story <id> sentence
 * <n>, <publisher>; at <city, province, country>}. ICEWS names persons as they are
 * ({@code Xi Jinping}) and other actors by role ({@code Foreign Affairs (Bangladesh)}).
 * <p>
 * Skipped: a country {@code NA} or blank ({@link SkipReason#NO_COUNTRY}), a name not in the table
 * ({@link SkipReason#UNKNOWN_COUNTRY}), both actors in one country ({@link SkipReason#SAME_COUNTRY}),
 * a wrong column count, date or code ({@link SkipReason#MALFORMED}). Immutable and thread-safe.
 */
public final class IcewsAdapter implements EventAdapter {
    /** The format name. */
    public static final String FORMAT = "icews";
    /** The source name of every ICEWS event. */
    public static final String SOURCE_NAME = "ICEWS coded event data";

    private static final Pattern CAMEO = Pattern.compile("[0-9]{2,4}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final List<String> REQUIRED = List.of("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
            "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
            "Sentence Number", "Publisher");

    private final CountryNames countries = CountryNames.standard();

    @Override
    public String format() {
        return FORMAT;
    }

    /** Recognizes the ICEWS header: tab-separated, with every required column. */
    @Override
    public boolean recognizes(String firstLine) {
        return Header.names(TabRows.split(firstLine), REQUIRED);
    }

    @Override
    public AdapterRun open(InputStream in, String name, ProgressListener progress) throws IOException {
        TabRows rows = new TabRows(Inputs.utf8(Inputs.content(in, name)));
        return new Run(rows, Header.read(rows, name, FORMAT, REQUIRED), name, progress);
    }

    private final class Run extends AbstractAdapterRun {
        private final Header header;

        Run(RowReader rows, Header header, String name, ProgressListener progress) {
            super(FORMAT, name, progress, rows);
            this.header = header;
        }

        private String field(Row row, String column) {
            return header.get(row, column);
        }

        @Override
        protected void convert(Row row) {
            long line = row.line();
            if (row.size() != header.width()) {
                skip(SkipReason.MALFORMED, line, "expected " + header.width() + " tab-separated columns as in the header, got " + row.size());
                return;
            }
            String sourceCountry = field(row, "Source Country");
            String targetCountry = field(row, "Target Country");
            Optional<String> actor1 = country(row, "Source Country", sourceCountry);
            if (actor1.isEmpty()) {
                return;
            }
            Optional<String> actor2 = country(row, "Target Country", targetCountry);
            if (actor2.isEmpty()) {
                return;
            }
            if (actor1.get().equals(actor2.get())) {
                skip(SkipReason.SAME_COUNTRY, line, "source and target are both in " + sourceCountry + " (" + actor1.get() + ")");
                return;
            }
            String eventId = field(row, "Event ID");
            String code = field(row, "CAMEO Code");
            if (!EVENT_ID.matcher(eventId).matches()) {
                skip(SkipReason.MALFORMED, line, "Event ID '" + eventId + "' is not an id");
                return;
            }
            if (!CAMEO.matcher(code).matches()) {
                skip(SkipReason.MALFORMED, line, "CAMEO Code '" + code + "' is not 2 to 4 digits");
                return;
            }
            LocalDate day;
            Double intensity;
            try {
                day = LocalDate.parse(field(row, "Event Date"));
                String text = field(row, "Intensity");
                intensity = text.isEmpty() || text.equals("NA") ? null : Double.valueOf(text);
            } catch (DateTimeParseException | NumberFormatException e) {
                skip(SkipReason.MALFORMED, line, "unreadable Event Date or Intensity: " + e.getMessage());
                return;
            }
            String summary = clip(summary(row, code));
            tryProduce(() -> new CodedEvent("icews:" + eventId, day.atStartOfDay(ZoneOffset.UTC).toInstant(), null,
                    new Source(SOURCE_NAME, null), summary, actor1.get(), actor2.get(), code, intensity, null), List.of(line));
        }

        private Optional<String> country(Row row, String column, String name) {
            if (name.isEmpty() || name.equals("NA")) {
                skip(SkipReason.NO_COUNTRY, row.line(), column + " is " + (name.isEmpty() ? "empty" : "NA") + " (actor '"
                        + field(row, column.startsWith("Source") ? "Source Name" : "Target Name") + "')");
                return Optional.empty();
            }
            Optional<String> code = countries.code(name);
            if (code.isEmpty()) {
                skip(SkipReason.UNKNOWN_COUNTRY, row.line(), column + " '" + name + "' is not in the country table");
            }
            return code;
        }

        private String summary(Row row, String code) {
            StringBuilder s = new StringBuilder();
            actor(s, row, "Source");
            s.append(" -> ");
            actor(s, row, "Target");
            s.append(": ").append(code).append(' ').append(field(row, "Event Text"))
                    .append("; story ").append(field(row, "Story ID")).append(" sentence ").append(field(row, "Sentence Number"))
                    .append(", ").append(field(row, "Publisher"));
            String place = place(row);
            if (!place.isEmpty()) {
                s.append("; at ").append(place);
            }
            return s.toString();
        }

        private void actor(StringBuilder s, Row row, String side) {
            s.append(field(row, side + " Name")).append(" [").append(field(row, side + " Sectors").replace(",", ", ")).append("] (")
                    .append(field(row, side + " Country")).append(')');
        }

        private String place(Row row) {
            StringBuilder s = new StringBuilder();
            for (String column : List.of("City", "Province", "Country")) {
                String value = header.getOrEmpty(row, column);
                if (!value.isEmpty() && !value.equals("NA")) {
                    s.append(s.length() == 0 ? "" : ", ").append(value);
                }
            }
            return s.toString();
        }
    }
}
