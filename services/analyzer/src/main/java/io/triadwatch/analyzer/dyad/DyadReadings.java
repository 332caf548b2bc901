package io.triadwatch.analyzer.dyad;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.model.state.ChannelSums;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.serde.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads dyads as of one common time, so that scores written at different event times can be set
 * side by side (docs/analytic-model.md §3, "One now"). A dyad's state is kept as of its newest
 * event ({@code asOf}); a reading carries its channel sums forward to the reading time by the
 * half-life, so a dyad last moved in 2019 reads, in 2022, at its decayed 2022 value. A reading
 * time earlier than the state's {@code asOf} is not decayed backwards: the state is shown as it is
 * (its history answers for earlier times).
 * <p>
 * A reading is the dyad-state JSON with {@code score}, {@code rawSum}, {@code channels} and
 * {@code asOf} as of the reading time, plus {@code eventAsOf} and {@code eventScore}: the newest
 * event's time and the score then. Thread-safe.
 */
public final class DyadReadings {
    private final ScoreModel model;
    private final Decay decay;
    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();

    /**
     * @param model how channel sums become a score
     * @param decay the dyads' half-life
     * @param clock what "now" is for live reads
     */
    public DyadReadings(ScoreModel model, Decay decay, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.decay = Objects.requireNonNull(decay, "decay");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return readings by {@code config}'s model and half-life, live reads at {@code clock}'s time */
    public static DyadReadings of(AnalyzerConfig config, Clock clock) {
        return new DyadReadings(config.scoreModel(), new Decay(config.halfLife()), clock);
    }

    /** @return the time a live read is made at: now, to the millisecond */
    public Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /**
     * @param at the reading time; null reads as of {@link #now()}
     * @return the score of {@code state} as of {@code at} (its own score when {@code at} is not later)
     */
    public double scoreAt(DyadState state, Instant at) {
        Instant t = at == null ? now() : at;
        if (state.asOf() == null || !t.isAfter(state.asOf())) {
            return state.score();
        }
        return model.of(state.channelsOrCurated().times(decay.factor(state.asOf(), t)));
    }

    /**
     * @param at the reading time; null reads as of {@link #now()}
     * @return the reading of {@code state} as of {@code at}, as JSON
     */
    public ObjectNode read(DyadState state, Instant at) {
        Instant t = at == null ? now() : at;
        ObjectNode node = mapper.valueToTree(state);
        if (state.asOf() == null || !t.isAfter(state.asOf())) {
            return node;
        }
        ChannelSums carried = state.channelsOrCurated().times(decay.factor(state.asOf(), t));
        node.put("score", model.of(carried));
        node.put("rawSum", model.raw(carried));
        if (state.channels() != null) {
            node.set("channels", mapper.valueToTree(carried));
        }
        node.set("asOf", mapper.valueToTree(t));
        node.set("eventAsOf", mapper.valueToTree(state.asOf()));
        node.put("eventScore", state.score());
        return node;
    }
}
