package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.DELEGATION_VISIT;
import static io.triadwatch.model.EventKind.UN_VOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The context of a dyad alert is the triads' reading as of the alert's own move, whether the triad
 * readings reach the dyad task before the dyad state, after it, or together with later readings
 * (docs/reliability.md, "Deterministic output").
 */
class DyadAlertContextTest {
    private static final String RANK_DROP = "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}";
    private static final String TIMEOUTS = "triadwatch.alerter.context.timeouts";

    /** CHN-PRK-RUS before the visit: CHN-RUS warmed in June. */
    private static final TriadState JUNE = reading("2023-06-01", "CHN-RUS", "summit-2023", 0.5, 0.6, 0.2);
    /** The visit's own reading. */
    private static final TriadState VISIT = reading("2023-07-27", "CHN-PRK", "victory-2023", 0.54, 0.6, 0.2);
    /** A reading of the same day that the analyzer applied after the visit: PRK-RUS turned negative. */
    private static final TriadState SAME_DAY_LATER = reading("2023-07-27", "PRK-RUS", "zz-later", 0.54, 0.6, -0.4);
    /** A reading of August: CHN-RUS cooled. */
    private static final TriadState AUGUST = reading("2023-08-10", "CHN-RUS", "august", 0.54, -0.1, -0.4);

    private static TriadState reading(String day, String lastDyad, String eventId, double chnPrk, double chnRus, double prkRus) {
        return States.triad("CHN-PRK-RUS", day, lastDyad, eventId, "CHN", true, Map.of(
                "CHN-PRK", new double[]{chnPrk, lastDyad.equals("CHN-PRK") ? 0.04 : 0},
                "CHN-RUS", new double[]{chnRus, lastDyad.equals("CHN-RUS") ? 0.1 : 0},
                "PRK-RUS", new double[]{prkRus, lastDyad.equals("PRK-RUS") ? -0.6 : 0}));
    }

    private static DyadState victoryDay(States states) {
        return states.move("CHN-PRK", "2023-07-27", "victory-2023", DELEGATION_VISIT, 0.04)
                .visit("PRK:CHN:PRK_VICTORY_DAY", "Li Hongzhong", 0.416, "LEADERSHIP 24/25", 0.544).state();
    }

    /** Runs the rank-drop rule over one arrival order and returns the alerts. */
    private static List<Alert> run(Consumer<AlerterDriver> arrival) {
        return run(AlerterConfig.builder("test:9092").build(), arrival);
    }

    /** Runs the rank-drop rule over one arrival order and returns the alerts; no reading may be truncated. */
    private static List<Alert> run(AlerterConfig config, Consumer<AlerterDriver> arrival) {
        try (AlerterDriver alerter = new AlerterDriver(config)) {
            alerter.rule("rank-drop", RANK_DROP);
            arrival.accept(alerter);
            assertThat(alerter.held()).as("held at the end").isZero();
            assertThat(alerter.counter(TIMEOUTS)).isZero();
            assertThat(alerter.counter("triadwatch.alerter.context.truncated")).as("truncated readings").isZero();
            return alerter.alerts();
        }
    }

    @Test
    void shouldCiteTheSameReadingWhetherTheTriadReadingsComeBeforeOrAfterTheDyadState() {
        // Given the triad readings around China's 2023 Victory Day delegation, a rank drop
        DyadState visit = victoryDay(new States());

        // When the alerter reads them before the dyad state, after it, and with later readings already there
        List<Alert> readingsFirst = run(a -> a.triad(JUNE).triad(VISIT).dyad(visit).triad(SAME_DAY_LATER).triad(AUGUST));
        List<Alert> readingsAfter = run(a -> a.triad(JUNE).dyad(visit).triad(VISIT).triad(SAME_DAY_LATER).triad(AUGUST));
        List<Alert> laterReadingsPresent = run(a -> a.triad(JUNE).triad(VISIT).triad(SAME_DAY_LATER).triad(AUGUST).dyad(visit));

        // Then the three alerts are identical, context included
        assertThat(readingsFirst).hasSize(1);
        assertThat(readingsAfter).isEqualTo(readingsFirst);
        assertThat(laterReadingsPresent).isEqualTo(readingsFirst);
        // And the context is the visit's own reading: neither the later reading of that day nor August's
        Alert.TriadContext triangle = readingsFirst.get(0).context().get(0);
        assertThat(triangle.otherDyads()).extracting(Alert.OtherDyad::score).containsExactly(0.6, 0.2);
    }

    @Test
    void shouldCiteTheSameReadingWhenFarMoreLaterTriadStatesThanATimelineKeepsArriveFirst() {
        // Given timelines that keep 4 states up to a dyad's progress, a CHN-PRK vote already evaluated in May,
        // and the readings around the Victory Day visit followed by 40 later states of the triad
        AlerterConfig smallTimelines = AlerterConfig.builder("test:9092").maxMovesKept(4).build();
        States states = new States();
        DyadState may = states.move("CHN-PRK", "2023-05-10", "vote-may", UN_VOTE, 0.01).state();
        DyadState visit = victoryDay(states);
        List<TriadState> later = new ArrayList<>();
        for (int day = 0; day < 40; day++) {
            later.add(reading(java.time.LocalDate.of(2023, 8, 1).plusDays(day).toString(), "CHN-RUS", "later-" + day, 0.54, 0.6 - 0.01 * day, 0.2));
        }

        // When the alerter reads the dyad state right after its reading, and after all 40 later states
        List<Alert> inOrder = run(smallTimelines, a -> {
            a.dyad(may).triad(JUNE).triad(VISIT).dyad(visit);
            later.forEach(a::triad);
        });
        List<Alert> laterFirst = run(smallTimelines, a -> {
            a.dyad(may).triad(JUNE).triad(VISIT);
            later.forEach(a::triad);
            a.dyad(visit);
        });

        // Then both alerts cite the visit's own reading: the later states pushed nothing out that it reads
        assertThat(inOrder).hasSize(1);
        assertThat(laterFirst).isEqualTo(inOrder);
        assertThat(inOrder.get(0).context().get(0).otherDyads()).extracting(Alert.OtherDyad::score).containsExactly(0.6, 0.2);
    }

    @Test
    void shouldHoldADyadStateUntilTheReadingOfItsMoveArrives() {
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").build())) {
            // Given the rank-drop rule and a watched triad holding CHN-PRK
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE);

            // When the rank drop arrives before the triad's reading of it
            alerter.dyad(victoryDay(new States()));

            // Then it waits, counted in the gauge, and no alert is written yet
            assertThat(alerter.held()).isEqualTo(1.0);
            assertThat(alerter.alerts()).isEmpty();

            // When the reading arrives (no wall clock passes)
            alerter.triad(VISIT);

            // Then the alert is written at once and nothing is held
            assertThat(alerter.alerts()).hasSize(1);
            assertThat(alerter.held()).isZero();
        }
    }

    @Test
    void shouldQueueALaterStateOfAHeldDyadBehindIt() {
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").build())) {
            // Given a rank drop of CHN-PRK waiting for its triad reading
            States states = new States();
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE).dyad(victoryDay(states));

            // When a later state of CHN-PRK arrives, and then the first state's reading
            alerter.dyad(states.move("CHN-PRK", "2023-07-28", "vote-2023", UN_VOTE, 0.01));
            double heldBoth = alerter.held();
            alerter.triad(VISIT);

            // Then the later state queued behind the held one; the first went on with its reading, and the
            // later one waits for its own: the rank drop's episode is open now, so it may cite context
            assertThat(heldBoth).isEqualTo(2.0);
            assertThat(alerter.alerts()).hasSize(1);
            assertThat(alerter.held()).isEqualTo(1.0);

            // When its reading arrives
            alerter.triad(reading("2023-07-28", "CHN-PRK", "vote-2023", 0.55, 0.6, 0.2));

            // Then nothing is held
            assertThat(alerter.held()).isZero();
        }
    }

    @Test
    void shouldNotHoldAStateThatCannotTriggerAnything() {
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").build())) {
            // Given the rank-drop rule and a watched triad holding CHN-PRK
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE);

            // When a vote moves CHN-PRK, which no rule counts, before the triad's reading of it
            alerter.dyad(new States().move("CHN-PRK", "2023-07-28", "vote-2023", UN_VOTE, 0.01));

            // Then it is applied at once
            assertThat(alerter.held()).isZero();
        }
    }

    @Test
    void shouldEvaluateWithWhatIsThereAndCountItWhenTheReadingsDoNotComeInTime() {
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").contextTimeout(Duration.ofSeconds(2)).build())) {
            // Given a rank drop of CHN-PRK waiting for a triad reading that never comes
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE).dyad(victoryDay(new States()));
            assertThat(alerter.alerts()).isEmpty();

            // When the timeout passes on the wall clock
            alerter.advanceWallClock(Duration.ofSeconds(3));

            // Then the alert is written with the reading that was there, and the timeout is counted
            List<Alert> alerts = alerter.alerts();
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).context().get(0).otherDyads()).extracting(Alert.OtherDyad::score).containsExactly(0.6, 0.2);
            assertThat(alerter.counter(TIMEOUTS)).isEqualTo(1.0);
            assertThat(alerter.held()).isZero();
        }
    }

    @Test
    void shouldKeepWaitingPastTheTimeoutWhileOtherTriadReadingsKeepArriving() {
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").contextTimeout(Duration.ofSeconds(2)).build())) {
            // Given a rank drop of CHN-PRK waiting for its triad reading
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE).dyad(victoryDay(new States()));

            // When, for twice the timeout, readings of another triad arrive every second (a backlog: the one awaited is behind them)
            for (int second = 1; second <= 4; second++) {
                alerter.advanceWallClock(Duration.ofSeconds(1));
                alerter.triad(States.triad("CHN-RUS-USA", "2023-07-2" + second, "CHN-USA", "other-" + second, "CHN", false, Map.of(
                        "CHN-RUS", new double[]{0.5, 0}, "CHN-USA", new double[]{-0.1 * second, -0.1}, "RUS-USA", new double[]{-0.3, 0})));
            }

            // Then it still waits, and nothing timed out
            assertThat(alerter.held()).isEqualTo(1.0);
            assertThat(alerter.counter(TIMEOUTS)).isZero();

            // When its reading arrives
            alerter.triad(VISIT);

            // Then the alert cites it, as in a run without the backlog
            List<Alert> alerts = alerter.alerts();
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).context()).filteredOn(c -> c.triad().equals("CHN-PRK-RUS")).singleElement()
                    .satisfies(c -> assertThat(c.otherDyads()).extracting(Alert.OtherDyad::score).containsExactly(0.6, 0.2));
            assertThat(alerter.held()).isZero();
        }
    }

    @Test
    void shouldNotTimeOutWhileTheReadingsInputsHaveABacklogOnTheBroker() {
        java.util.concurrent.atomic.AtomicBoolean caughtUp = new java.util.concurrent.atomic.AtomicBoolean(false);
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").contextTimeout(Duration.ofSeconds(2)).build(), caughtUp::get)) {
            // Given a rank drop of CHN-PRK waiting for its triad reading, while the broker still holds unread triad states
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE).dyad(victoryDay(new States()));

            // When no reading arrives for longer than the timeout
            alerter.advanceWallClock(Duration.ofSeconds(5));

            // Then it keeps waiting: the reading is in the backlog
            assertThat(alerter.held()).isEqualTo(1.0);
            assertThat(alerter.counter(TIMEOUTS)).isZero();

            // When the backlog is read and the input stays quiet for the timeout
            caughtUp.set(true);
            alerter.advanceWallClock(Duration.ofSeconds(3));

            // Then the state is evaluated with what is there, and the timeout counted
            assertThat(alerter.alerts()).hasSize(1);
            assertThat(alerter.counter(TIMEOUTS)).isEqualTo(1.0);
        }
    }

    @Test
    void shouldHoldPastTheHardBoundWhileTheBacklogNeverDrainsAndGoOnOnceItHas() {
        java.util.concurrent.atomic.AtomicBoolean caughtUp = new java.util.concurrent.atomic.AtomicBoolean(false);
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").contextTimeout(Duration.ofSeconds(2)).build(), caughtUp::get)) {
            // Given a rank drop of CHN-PRK waiting for a reading, while the broker reports a backlog all along
            // (a restart's backlog: the reading is on its way behind it), and other triads' readings keep arriving
            alerter.rule("rank-drop", RANK_DROP).triad(JUNE).dyad(victoryDay(new States()));

            // When more than ten timeouts pass
            for (int second = 1; second <= 2 * AlerterConfig.MAX_CONTEXT_HOLD_FACTOR + 3; second++) {
                alerter.advanceWallClock(Duration.ofSeconds(1));
                alerter.triad(States.triad("CHN-RUS-USA", "2023-07-2" + (second % 9 + 1), "CHN-USA", "other-" + second, "CHN", false, Map.of(
                        "CHN-RUS", new double[]{0.5, 0}, "CHN-USA", new double[]{-0.1, -0.1}, "RUS-USA", new double[]{-0.3, 0})));
            }

            // Then it still waits: evaluating now would let the alert's context depend on how far the backlog had come
            assertThat(alerter.held()).isEqualTo(1.0);
            assertThat(alerter.counter(TIMEOUTS)).isZero();

            // When the backlog has been read to its end once, readings of other triads still arriving
            caughtUp.set(true);
            alerter.advanceWallClock(Duration.ofSeconds(1));
            caughtUp.set(false);
            alerter.triad(States.triad("CHN-RUS-USA", "2023-07-29", "CHN-USA", "other-last", "CHN", false, Map.of(
                    "CHN-RUS", new double[]{0.5, 0}, "CHN-USA", new double[]{-0.1, -0.1}, "RUS-USA", new double[]{-0.3, 0})));
            alerter.advanceWallClock(Duration.ofSeconds(1));

            // Then, past the hard bound with everything written by then read, it goes on without the reading, counted
            assertThat(alerter.alerts()).hasSize(1);
            assertThat(alerter.counter(TIMEOUTS)).isEqualTo(1.0);
            assertThat(alerter.held()).isZero();
        }
    }

    @Test
    void shouldRaiseTheSameEpisodesWhenStatesWaitWhileOtherDyadsMoveEventTimeOn() {
        // Given a long scenario of shifts, rank drops and flips, with deadlines (keepFiringFor, holds)
        List<Scenario.Input> inputs = Scenario.inputs(160);

        // When the alerter reads it without waiting for context, and waiting, with every triad reading
        // delayed behind the next five records, so that held states wait while other dyads advance event time
        Map<String, List<String>> notWaiting = episodes(inputs, Duration.ZERO);
        List<Scenario.Input> readingsLate = new ArrayList<>(inputs.stream().filter(i -> i.dyad() != null).toList());
        for (int i = 0, dyads = 0; i < inputs.size(); i++) {
            if (inputs.get(i).triad() != null) {
                readingsLate.add(Math.min(readingsLate.size(), countDyadsBefore(inputs, i) + 5 + dyads++), inputs.get(i));
            }
        }
        Map<String, List<String>> waiting = episodes(readingsLate, AlerterConfig.DEFAULT_CONTEXT_TIMEOUT);

        // Then every fingerprint went through the same episodes, at the same event times
        assertThat(notWaiting).isNotEmpty();
        assertThat(waiting).isEqualTo(notWaiting);
    }

    private static int countDyadsBefore(List<Scenario.Input> inputs, int index) {
        return (int) inputs.subList(0, index).stream().filter(i -> i.dyad() != null).count();
    }

    /** @return per fingerprint, in order: status, episode, startsAt, endsAt, occurredAt, severity and value of each record */
    private static Map<String, List<String>> episodes(List<Scenario.Input> inputs, Duration contextTimeout) {
        Map<String, List<String>> out = new TreeMap<>();
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").contextTimeout(contextTimeout).build())) {
            Scenario.RULES.forEach(alerter::rule);
            for (Scenario.Input input : inputs) {
                if (input.dyad() != null) {
                    alerter.dyad(input.dyad());
                } else {
                    alerter.triad(input.triad());
                }
            }
            assertThat(alerter.held()).isZero();
            alerter.alerts().forEach(a -> out.computeIfAbsent(a.fingerprint(), k -> new ArrayList<>()).add(String.join(" ", a.status().name(),
                    Long.toString(a.episode()), String.valueOf(a.startsAt()), String.valueOf(a.endsAt()), String.valueOf(a.occurredAt()),
                    String.valueOf(a.severity()), String.valueOf(a.value()))));
        }
        return out;
    }
}
