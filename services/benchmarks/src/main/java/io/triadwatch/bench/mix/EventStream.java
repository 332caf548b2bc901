package io.triadwatch.bench.mix;

import io.triadwatch.model.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, deterministic stream of events built from an {@link EventMix}: each next event picks
 * a source by weight (seeded), takes that source's next real event in turn (cycling), and gives it
 * a fresh id ({@code <original id>:<sequence>}) and a date on a monotonic event-time clock.
 * <p>
 * Why a clock rather than the original dates: the real events span 1946 to 2026, and cycling them
 * with their own dates would make every new cycle jump decades back, far behind the analyzer's
 * grace period, so nearly everything would be dead-lettered as late. The clock starts at
 * {@link #DEFAULT_START} and advances {@link #DEFAULT_STEP} per event (one million events cover
 * about eleven months: roughly the daily volume of country-pair events GDELT publishes). Apart from
 * id and date, every event is byte-for-byte a real one.
 * <p>
 * Not thread-safe.
 */
public final class EventStream {
    /** First event time. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");
    /** Event time between two consecutive events. */
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
    private static final int MAX_ORIGINAL_ID = 100;

    private final List<EventMix.Source> sources;
    private final double[] cumulative;
    private final int[] cursor;
    private final SplittableRandom random;
    private final long startSeconds;
    private final long stepSeconds;
    private long sequence;

    /** One generated event. */
    public record Generated(String id, byte[] json, EventKind kind, String source) {
    }

    /**
     * @param mix  the mix
     * @param seed the random seed of the source choice
     */
    public EventStream(EventMix mix, long seed) {
        this(mix, seed, DEFAULT_START, DEFAULT_STEP);
    }

    /**
     * @param start first event time
     * @param step  event time between events, at least one second
     */
    public EventStream(EventMix mix, long seed, Instant start, Duration step) {
        this.sources = mix.sources();
        this.cumulative = new double[sources.size()];
        double total = 0;
        for (int i = 0; i < sources.size(); i++) {
            total += sources.get(i).weight();
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        this.cursor = new int[sources.size()];
        this.random = new SplittableRandom(seed);
        this.startSeconds = start.getEpochSecond();
        this.stepSeconds = Math.max(1, step.toSeconds());
    }

    /** @return the next event */
    public Generated next() {
        double r = random.nextDouble();
        int s = 0;
        while (s < cumulative.length - 1 && r >= cumulative[s]) {
            s++;
        }
        List<EventTemplate> templates = sources.get(s).templates();
        EventTemplate template = templates.get(cursor[s]);
        cursor[s] = (cursor[s] + 1) % templates.size();
        long seq = sequence++;
        String original = template.originalId();
        String id = (original.length() > MAX_ORIGINAL_ID ? original.substring(0, MAX_ORIGINAL_ID) : original) + ":" + seq;
        String at = Instant.ofEpochSecond(startSeconds + seq * stepSeconds).toString();
        return new Generated(id, template.render(id, at), template.kind(), template.source());
    }

    /** @return how many events were generated */
    public long generated() {
        return sequence;
    }
}
