package io.triadwatch.analyzer.triad;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.model.Triad;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TriadProcessor} on its binary store writes the same states, and keeps the same window of
 * moves, as the first implementation ({@link ReferenceTriad}: window rebuilt and sorted on every
 * move, pairs compared one by one, the aggregate stored as JSON) over random inputs: moves out of
 * event-time order, equal timestamps, zero and sub-epsilon deltas, repeated events, snapshots with
 * recent moves, window eviction, the cap on moves kept, redefinitions and removals.
 */
class TriadProcessorEquivalenceTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    private static final String TRIAD = "CHN-PRK-RUS";
    private static final String[] DYADS = {"CHN-PRK", "CHN-RUS", "PRK-RUS"};
    private static final Serde<TriadAggregate> JSON = JsonSerde.of(TriadAggregate.class);

    @ParameterizedTest(name = "seed {0}, window {1} days, {2} moves kept")
    @CsvSource({"1, 20, 7", "2, 20, 200", "3, 90, 200", "4, 5, 3", "5, 30, 12", "6, 1, 1", "7, 60, 40", "8, 20, 7"})
    void shouldWriteTheSameStatesAsTheReference(long seed, int windowDays, int movesKept) {
        AnalyzerConfig config = config(Duration.ofDays(windowDays), movesKept);
        TriadMath math = new TriadMath(config.halfLife(), config.scoreScale(), config.neutralBand(), config.zeroSumWindow());
        MockProcessorContext<String, TriadState> context = context();
        KeyValueStore<String, TriadAggregate> store = store(context);
        TriadProcessor processor = new TriadProcessor(config);
        processor.init(context);
        Reference reference = new Reference(config, math);
        Inputs inputs = new Inputs(new Random(seed));
        for (int i = 0; i < 3_000; i++) {
            TriadInput input = inputs.next();
            processor.process(new Record<>(input.triad(), input, 0L));
            TriadState expected = reference.apply(input);
            List<MockProcessorContext.CapturedForward<? extends String, ? extends TriadState>> forwarded = context.forwarded();
            String at = "input " + i + " " + input;
            if (reference.forwarded) {
                assertThat(forwarded).as(at).hasSize(1);
                assertThat(withoutClock(forwarded.get(0).record().value())).as(at).isEqualTo(withoutClock(expected));
            } else {
                assertThat(forwarded).as(at).isEmpty();
            }
            context.resetForwards();
            TriadAggregate stored = store.get(TRIAD);
            assertThat(stored == null ? null : stored.moves()).as(at).isEqualTo(reference.aggregate == null ? null : reference.aggregate.moves());
        }
    }

    private static AnalyzerConfig config(Duration window, int movesKept) {
        AnalyzerConfig d = AnalyzerConfig.defaults();
        return new AnalyzerConfig(d.applicationId(), d.halfLife(), d.grace(), d.contributionsKept(), window, movesKept, d.rankShiftThreshold(),
                d.deltaHistorySize(), d.historyPointsKept(), d.scoreScale(), d.neutralBand(), d.dyadPartitions(), d.triadPartitions(), d.impulses());
    }

    private static MockProcessorContext<String, TriadState> context() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "triad-equivalence");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
        MockProcessorContext<String, TriadState> context = new MockProcessorContext<>(props);
        // The processor stamps updatedAt with the task's wall clock, which a mock context has only once set.
        context.setCurrentSystemTimeMs(0);
        return context;
    }

    private static KeyValueStore<String, TriadAggregate> store(MockProcessorContext<String, TriadState> context) {
        KeyValueStore<String, TriadAggregate> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AnalyzerStores.TRIAD_STATE),
                Serdes.String(), new TriadAggregateSerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static TriadState withoutClock(TriadState s) {
        return s == null ? null : new TriadState(s.triad(), s.actors(), s.label(), s.dyads(), s.product(), s.signClass(), s.balanced(), s.pivot(),
                s.pivotConfigured(), s.pivotAsymmetry(), s.zeroSum(), s.asOf(), s.lastDyad(), s.lastEventId(), null);
    }

    /** The first TriadProcessor.process, on a JSON store (a JSON round trip after every input). */
    private static final class Reference {
        private final AnalyzerConfig config;
        private final TriadMath math;
        TriadAggregate aggregate;
        boolean forwarded;

        Reference(AnalyzerConfig config, TriadMath math) {
            this.config = config;
            this.math = math;
        }

        TriadState apply(TriadInput input) {
            forwarded = false;
            if (input.removed()) {
                forwarded = aggregate != null;
                aggregate = null;
                return null;
            }
            TriadAggregate current = aggregate != null ? aggregate : new TriadAggregate(null, Map.of(), List.of(), null);
            TriadAggregate next;
            String lastDyad;
            String lastEventId;
            if (input.definition() != null) {
                next = new TriadAggregate(input.definition(), current.dyads(), current.moves(), current.state());
                lastDyad = current.state() == null ? null : current.state().lastDyad();
                lastEventId = current.state() == null ? null : current.state().lastEventId();
            } else {
                next = current;
                for (DyadMove earlier : input.recent()) {
                    next = ReferenceTriad.withMove(next, earlier, math, config.zeroSumMovesKept());
                }
                next = ReferenceTriad.withMove(next, input.move(), math, config.zeroSumMovesKept());
                lastDyad = input.move().dyad();
                lastEventId = input.move().eventId();
            }
            TriadState state = null;
            if (next.definition() != null) {
                TriadState s = math.state(next.definition(), next.dyads(), next.moves(), lastDyad, lastEventId);
                state = new TriadState(s.triad(), s.actors(), s.label(), s.dyads(), s.product(), s.signClass(), s.balanced(), s.pivot(),
                        s.pivotConfigured(), s.pivotAsymmetry(), ReferenceTriad.zeroSum(next.moves(), config.zeroSumWindow()), s.asOf(),
                        s.lastDyad(), s.lastEventId(), s.updatedAt());
                next = new TriadAggregate(next.definition(), next.dyads(), next.moves(), state);
                forwarded = true;
            }
            aggregate = JSON.deserializer().deserialize("t", JSON.serializer().serialize("t", next));
            return state;
        }
    }

    /** Random triad inputs around a drifting event-time clock that sometimes steps back. */
    private static final class Inputs {
        private final Random random;
        private final Map<String, Instant> dyadAsOf = new HashMap<>();
        private final List<DyadMove> sent = new ArrayList<>();
        private Instant clock = T;
        private int events;

        Inputs(Random random) {
            this.random = random;
        }

        TriadInput next() {
            int roll = random.nextInt(100);
            if (roll < 3) {
                return TriadInput.define(new Triad(TRIAD, List.of("CHN", "PRK", "RUS"), random.nextBoolean() ? null : "PRK",
                        random.nextBoolean() ? null : "label " + roll));
            }
            if (roll < 4) {
                return TriadInput.remove(TRIAD);
            }
            if (roll < 7) {
                return snapshot();
            }
            return TriadInput.move(TRIAD, move(DYADS[random.nextInt(3)]));
        }

        private TriadInput snapshot() {
            String dyad = DYADS[random.nextInt(3)];
            if (random.nextInt(4) == 0) {
                return TriadInput.snapshot(TRIAD, new DyadMove(dyad, 0, null, 0, 0, null, null, false), List.of());
            }
            // A dyad answering a (re)definition re-sends moves the triad may already hold.
            List<DyadMove> recent = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0 && !sent.isEmpty(); i--) {
                DyadMove earlier = sent.get(sent.size() - 1 - random.nextInt(Math.min(sent.size(), 20)));
                recent.add(earlier.dyad().equals(dyad) ? earlier : move(dyad));
            }
            DyadMove last = move(dyad);
            return TriadInput.snapshot(TRIAD, new DyadMove(dyad, last.rawSum(), last.asOf(), last.score(), 0, last.eventId(), last.eventAt(), false), recent);
        }

        private DyadMove move(String dyad) {
            // Whole hours, so that equal timestamps are common; now and then a step back in time.
            long hours = random.nextInt(10) == 0 ? -random.nextInt(24 * 40) : random.nextInt(30);
            clock = clock.plusSeconds(hours * 3_600);
            Instant eventAt = random.nextInt(8) == 0 ? clock.minusSeconds(3_600L * random.nextInt(24 * 30)) : clock;
            if (random.nextInt(50) == 0) {
                eventAt = eventAt.plusNanos(random.nextInt(1_000_000_000));
            }
            Instant asOf = dyadAsOf.merge(dyad, eventAt, (a, b) -> a.isAfter(b) ? a : b);
            // One event can move several dyads, and a dyad can repeat an event (a re-sent move).
            String eventId = random.nextInt(6) == 0 && events > 0 ? "e" + (events - 1 - random.nextInt(Math.min(events, 15))) : "e" + events++;
            boolean moved = random.nextInt(12) != 0;
            DyadMove move = new DyadMove(dyad, random.nextGaussian() * 10, random.nextInt(20) == 0 ? eventAt : asOf, random.nextDouble() * 2 - 1,
                    delta(), eventId, random.nextInt(40) == 0 ? null : eventAt, moved);
            sent.add(move);
            return move;
        }

        private double delta() {
            return switch (random.nextInt(12)) {
                case 0 -> 0.0;
                case 1 -> 1e-13 * (random.nextBoolean() ? 1 : -1);
                case 2 -> TriadMath.MOVE_EPSILON * (random.nextBoolean() ? 1 : -1);
                default -> random.nextGaussian() * 0.3;
            };
        }
    }
}
