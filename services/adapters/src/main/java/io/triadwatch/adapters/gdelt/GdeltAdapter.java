package io.triadwatch.adapters.gdelt;

import io.triadwatch.adapters.AbstractAdapterRun;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.EventAdapter;
import io.triadwatch.adapters.ProgressListener;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.adapters.cameo.CameoCodes;
import io.triadwatch.adapters.input.Inputs;
import io.triadwatch.adapters.input.Row;
import io.triadwatch.adapters.input.RowReader;
import io.triadwatch.adapters.input.TabRows;
import io.triadwatch.model.Actors;
import io.triadwatch.model.CodedEvent;
import io.triadwatch.model.Source;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GDELT event rows to {@link CodedEvent}s (format {@code gdelt}).
 * <p>
 * Input: a GDELT 2.0 {@code .export.CSV} (61 tab-separated columns, no header), the published
 * {@code .export.CSV.zip}, or GDELT 1.0 event rows (57 columns, 58 with SOURCEURL). The layout is
 * chosen per row by its column count, so a file mixing both layouts reads correctly.
 * <p>
 * Each row becomes one event:
 * <ul>
 * <li>{@code id} = {@code gdelt:<GLOBALEVENTID>}.</li>
 * <li>{@code actor1}/{@code actor2} = Actor1CountryCode/Actor2CountryCode. A blank code is
 *     {@link SkipReason#NO_COUNTRY}; a code that is not an ISO 3166-1 alpha-3 country (CAMEO region
 *     codes such as {@code EUR}, {@code AFR}) is {@link SkipReason#UNKNOWN_COUNTRY}; the same code
 *     twice is {@link SkipReason#SAME_COUNTRY}.</li>
 * <li>{@code occurredAt} = SQLDATE, the day GDELT dates the event itself. DATEADDED is when GDELT
 *     saw the article; it can be days or a year later (the shared samples date 2014 events added in
 *     2015), so it is used only for de-duplication.</li>
 * <li>{@code cameo} = EventCode as a string (leading zeros kept); {@code goldstein} = GoldsteinScale;
 *     {@code mentions} = NumMentions.</li>
 * <li>{@code confidence} from NumSources and NumArticles, see {@link #confidence(int, int)}.</li>
 * <li>{@code summary}: actor names and countries, the CAMEO description, the action place and the
 *     counts; {@code source.url} = SOURCEURL when it is an http(s) URL.</li>
 * </ul>
 * Re-emitted events are skipped as {@link SkipReason#DUPLICATE}: same SQLDATE, same ordered actor
 * countries, same EventCode and same action geography (ActionGeo type, full name and feature id)
 * as a row produced no more than {@link Options#dedupeWindow()} earlier by DATEADDED.
 * Immutable and thread-safe.
 */
public final class GdeltAdapter implements EventAdapter {
    /** The format name. */
    public static final String FORMAT = "gdelt";

    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,40}");
    private static final Pattern CAMEO = Pattern.compile("[0-9]{2,4}");
    private static final Pattern URL = Pattern.compile("https?://\\S{1,2040}");

    /**
     * De-duplication settings.
     *
     * @param dedupeWindow   how far apart (by DATEADDED) two rows with the same key may be added and
     *                       still be one event; zero means only rows of the same DATEADDED instant
     * @param dedupeCapacity the most keys remembered, at least 1; bounds memory on long streams
     */
    public record Options(Duration dedupeWindow, int dedupeCapacity) {
        /** 24 hours and 100,000 keys (about 20 MB at most). */
        public static final Options DEFAULTS = new Options(Duration.ofHours(24), 100_000);

        public Options {
            Objects.requireNonNull(dedupeWindow, "dedupeWindow");
            if (dedupeWindow.isNegative()) {
                throw new IllegalArgumentException("dedupeWindow must not be negative, got " + dedupeWindow);
            }
            if (dedupeCapacity < 1) {
                throw new IllegalArgumentException("dedupeCapacity must be at least 1, got " + dedupeCapacity);
            }
        }
    }

    private final Options options;
    private final CameoCodes cameo = CameoCodes.standard();

    /** An adapter with {@link Options#DEFAULTS}. */
    public GdeltAdapter() {
        this(Options.DEFAULTS);
    }

    /** @param options de-duplication settings */
    public GdeltAdapter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /**
     * Recognizes a GDELT event row (the files have no header): 61 tab-separated columns (2.0) or
     * 57/58 (1.0), a numeric GLOBALEVENTID and an 8-digit SQLDATE.
     */
    @Override
    public boolean recognizes(String firstLine) {
        List<String> fields = TabRows.split(firstLine);
        return GdeltLayout.of(fields.size()).isPresent()
                && fields.get(GdeltLayout.GLOBAL_EVENT_ID).matches("[0-9]{1,20}")
                && fields.get(GdeltLayout.SQLDATE).matches("[0-9]{8}");
    }

    @Override
    public AdapterRun open(InputStream in, String name, ProgressListener progress) throws IOException {
        return open(in, name, progress, newDeduplicator());
    }

    /** Opens a run that shares {@code dedupe} with other runs: the follower keeps one across batches. */
    AdapterRun open(InputStream in, String name, ProgressListener progress, GdeltDeduplicator dedupe) throws IOException {
        return new Run(new TabRows(Inputs.utf8(Inputs.content(in, name))), name, progress, dedupe);
    }

    /** @return a de-duplicator with this adapter's options */
    GdeltDeduplicator newDeduplicator() {
        return new GdeltDeduplicator(options.dedupeWindow(), options.dedupeCapacity());
    }

    /**
     * The confidence of an event from its evidence: {@code n / (n + 1)} with
     * {@code n = max(sources, 1) + 0.25 × max(articles − sources, 0)}. Independent sources count
     * fully, further articles (syndicated copies, follow-ups from the same sources) a quarter each;
     * the value saturates towards 1. One article from one source gives 0.5, the contract's
     * "allegedly"; two sources 0.67; four sources 0.8; one source with five articles 0.67.
     * Rounded to three decimals and capped at 0.999: counts alone never make a machine-coded event
     * certain.
     *
     * @return a value in [0.5, 0.999]
     */
    public static double confidence(int sources, int articles) {
        double n = Math.max(sources, 1) + 0.25 * Math.max(articles - sources, 0);
        return Math.min(0.999, Math.round(1000 * n / (n + 1)) / 1000.0);
    }

    private final class Run extends AbstractAdapterRun {
        private final GdeltDeduplicator dedupe;

        Run(RowReader rows, String name, ProgressListener progress, GdeltDeduplicator dedupe) {
            super(FORMAT, name, progress, rows);
            this.dedupe = dedupe;
        }

        @Override
        protected void convert(Row row) {
            long line = row.line();
            Optional<GdeltLayout> found = GdeltLayout.of(row.size());
            if (found.isEmpty()) {
                skip(SkipReason.MALFORMED, line, "expected 61 tab-separated columns (GDELT 2.0) or 57/58 (GDELT 1.0), got " + row.size());
                return;
            }
            GdeltLayout layout = found.get();
            String globalId = row.get(GdeltLayout.GLOBAL_EVENT_ID).trim();
            if (!EVENT_ID.matcher(globalId).matches()) {
                skip(SkipReason.MALFORMED, line, "GLOBALEVENTID '" + globalId + "' is not a number");
                return;
            }
            String actor1 = row.get(GdeltLayout.ACTOR1_COUNTRY).trim();
            String actor2 = row.get(GdeltLayout.ACTOR2_COUNTRY).trim();
            if (!countriesUsable(row, actor1, actor2)) {
                return;
            }
            String code = row.get(GdeltLayout.EVENT_CODE).trim();
            if (!CAMEO.matcher(code).matches()) {
                skip(SkipReason.MALFORMED, line, "EventCode '" + code + "' is not a CAMEO code of 2 to 4 digits");
                return;
            }
            LocalDate day;
            Instant added;
            Double goldstein;
            int mentions;
            int sources;
            int articles;
            try {
                day = GdeltLayout.parseDay(row.get(GdeltLayout.SQLDATE).trim());
                added = layout.parseDateAdded(row.get(layout.dateAdded).trim());
                goldstein = optionalDouble(row.get(GdeltLayout.GOLDSTEIN));
                mentions = count(row.get(GdeltLayout.NUM_MENTIONS));
                sources = count(row.get(GdeltLayout.NUM_SOURCES));
                articles = count(row.get(GdeltLayout.NUM_ARTICLES));
            } catch (DateTimeParseException | NumberFormatException e) {
                skip(SkipReason.MALFORMED, line, "unreadable date or number: " + e.getMessage());
                return;
            }
            String geography = row.get(layout.actionGeoType).trim() + "|" + row.get(layout.actionGeoFullName).trim()
                    + "|" + row.get(layout.actionGeoFeatureId).trim();
            String id = "gdelt:" + globalId;
            GdeltDeduplicator.Key key = new GdeltDeduplicator.Key(row.get(GdeltLayout.SQLDATE).trim(), actor1, actor2, code, geography);
            Optional<GdeltDeduplicator.Seen> first = dedupe.check(key, id, line, added);
            if (first.isPresent()) {
                skip(SkipReason.DUPLICATE, line, id + " repeats " + first.get().eventId() + " (line " + first.get().line()
                        + "): same day " + day + ", " + actor1 + " -> " + actor2 + ", code " + code + ", action geography '" + geography + "'");
                return;
            }
            String url = layout.sourceUrl < row.size() ? row.get(layout.sourceUrl).trim() : "";
            Source source = new Source(layout.sourceName, URL.matcher(url).matches() ? url : null);
            String summary = clip(summary(row, layout, actor1, actor2, code, mentions, sources, articles));
            double confidence = confidence(sources, articles);
            tryProduce(() -> new CodedEvent(id, day.atStartOfDay(ZoneOffset.UTC).toInstant(), confidence, source, summary,
                    actor1, actor2, code, goldstein, mentions), List.of(line));
        }

        private boolean countriesUsable(Row row, String actor1, String actor2) {
            long line = row.line();
            if (actor1.isEmpty() || actor2.isEmpty()) {
                skip(SkipReason.NO_COUNTRY, line, (actor1.isEmpty() ? "Actor1CountryCode" : "Actor2CountryCode")
                        + " is empty (actors '" + actorLabel(row, GdeltLayout.ACTOR1_NAME, GdeltLayout.ACTOR1_CODE) + "', '"
                        + actorLabel(row, GdeltLayout.ACTOR2_NAME, GdeltLayout.ACTOR2_CODE) + "')");
                return false;
            }
            if (!Actors.isKnown(actor1) || !Actors.isKnown(actor2)) {
                String bad = Actors.isKnown(actor1) ? actor2 : actor1;
                skip(SkipReason.UNKNOWN_COUNTRY, line, "'" + bad + "' is not an ISO 3166-1 alpha-3 country (" + actor1 + " -> " + actor2 + ")");
                return false;
            }
            if (actor1.equals(actor2)) {
                skip(SkipReason.SAME_COUNTRY, line, "both actors are " + actor1);
                return false;
            }
            return true;
        }

        private String summary(Row row, GdeltLayout layout, String actor1, String actor2, String code,
                               int mentions, int sources, int articles) {
            StringBuilder s = new StringBuilder();
            s.append(actorLabel(row, GdeltLayout.ACTOR1_NAME, GdeltLayout.ACTOR1_CODE)).append(" (").append(actor1).append(") -> ")
                    .append(actorLabel(row, GdeltLayout.ACTOR2_NAME, GdeltLayout.ACTOR2_CODE)).append(" (").append(actor2).append("): ")
                    .append(code);
            cameo.description(code).ifPresent(d -> s.append(' ').append(d));
            String place = row.get(layout.actionGeoFullName).trim();
            if (!place.isEmpty()) {
                s.append("; at ").append(place);
            }
            s.append("; ").append(mentions).append(" mentions, ").append(sources).append(sources == 1 ? " source, " : " sources, ")
                    .append(articles).append(articles == 1 ? " article" : " articles").append(" (").append(layout.sourceName).append(')');
            return s.toString();
        }
    }

    private static String actorLabel(Row row, int name, int code) {
        String label = row.get(name).trim();
        return label.isEmpty() ? row.get(code).trim() : label;
    }

    private static Double optionalDouble(String text) {
        String t = text.trim();
        return t.isEmpty() ? null : Double.valueOf(t);
    }

    private static int count(String text) {
        String t = text.trim();
        return t.isEmpty() ? 0 : Integer.parseInt(t);
    }
}
