package io.triadwatch.launcher.reliability;

import io.triadwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic, endless stream of valid coded events among the six actors of the demo's watched
 * triads: event {@code i} has id {@code PREFIX-i}, an event time one step after event {@code i-1}
 * (so the whole stream is in event-time order and nothing is {@code LATE}), and a Goldstein value
 * whose sign follows its pair's current phase. Each pair's sign flips every {@link #PHASE} events,
 * staggered by pair, and after its first phase a pair's events weigh twice as much, so that each
 * phase turns the pair's score to the other side (not just back to zero): triads change balance
 * over the run and the default balance-flip rule fires.
 * The same prefix, step and index always give the same event. Event times start on 2024-01-01 and
 * must stay before the wall clock (a later one is dead-lettered as {@code OUT_OF_RANGE}): a stream of
 * {@code n} events needs {@code n * step} to end before today.
 */
final class LoadEvents {
    /** Events between two flips of a pair's sign. */
    static final int PHASE = 240;
    private static final List<String> ACTORS = List.of("CHN", "JPN", "KOR", "PRK", "RUS", "USA");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    /** Six hours: a balance that holds for the rules' 7-day pending period spans 28 events. */
    static final Duration ALERTING_STEP = Duration.ofHours(6);

    private final String prefix;
    private final Duration step;

    /**
     * @param prefix the id prefix, {@code [a-z0-9-]+}
     * @param step   the event time between two events, positive
     */
    LoadEvents(String prefix, Duration step) {
        if (!prefix.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("prefix must be [a-z0-9-]+, got " + prefix);
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        this.prefix = prefix;
        this.step = step;
    }

    /** @return the id of event {@code index} */
    String id(long index) {
        return prefix + "-" + index;
    }

    /** @return event {@code index} as canonical event JSON */
    String json(long index) {
        SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L);
        int a = random.nextInt(ACTORS.size());
        int b = (a + 1 + random.nextInt(ACTORS.size() - 1)) % ACTORS.size();
        int pair = Math.min(a, b) * ACTORS.size() + Math.max(a, b);
        long phase = (index + pair * 37L) / PHASE;
        boolean warm = phase % 2 == 0;
        boolean against = random.nextDouble() < 0.1;
        double magnitude = Math.round((1 + random.nextDouble() * 4) * (phase == pair * 37L / PHASE ? 1 : 2) * 10) / 10.0;
        double goldstein = warm != against ? magnitude : -magnitude;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id(index));
        event.put("kind", "CODED");
        event.put("occurredAt", START.plus(step.multipliedBy(index)).toString());
        event.put("source", Map.of("name", "reliability load"));
        event.put("summary", "load event " + index);
        event.put("actor1", ACTORS.get(a));
        event.put("actor2", ACTORS.get(b));
        event.put("cameo", goldstein > 0 ? "042" : "111");
        event.put("goldstein", goldstein);
        return Json.string(event);
    }
}
