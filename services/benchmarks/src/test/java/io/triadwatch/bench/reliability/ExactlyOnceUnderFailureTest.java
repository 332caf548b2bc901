package io.triadwatch.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once runs of {@link ReliabilityRuns} at in-suite scale (the full runs, 50,000 events
 * and three kills per process, are {@code services/reliability/eos-crash.sh}): the analyzer and the
 * alerter as separate processes, killed with SIGKILL, or the analyzer frozen past its transaction
 * timeout and replaced, commit the same final states and alert episodes as an uninterrupted run,
 * and nothing twice.
 */
@Tag("integration")
// Opt-in: on 2 cores one run of three pipelines with child JVMs did not finish within 10 minutes of catch-up.
@EnabledIfSystemProperty(named = "triadwatch.reliability.eos", matches = "true",
        disabledReason = "the exactly-once crash and fencing runs take minutes; run with -Dtriadwatch.reliability.eos=true or services/reliability/eos-crash.sh")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceUnderFailureTest {
    private static final List<Event> EVENTS = ReliabilityRuns.events(400, 7);
    private static final int RATE = 40;

    private ReliabilityRuns runs;
    private ReliabilityRuns.Run reference;

    @BeforeAll
    void runUninterrupted(@TempDir Path dir) throws Exception {
        runs = new ReliabilityRuns(dir, System.out::println);
        reference = runs.uninterrupted(EVENTS, RATE);
    }

    @Test
    void shouldCommitWhatAnUninterruptedRunCommitsWhenEachProcessIsKilledWithSigkill() throws Exception {
        // Given the reference run's output, which the checker finds free of duplicates
        assertThat(reference.output().duplicates()).isEmpty();
        assertThat(reference.output().eventsApplied()).isPositive();

        // When the same events are processed while the analyzer and the alerter are each killed once and restarted
        ReliabilityRuns.Run killed = runs.sigkill(EVENTS, RATE, 1, 11);
        System.out.println("SIGKILL run: ready again after restart " + killed.readyAfterRestart());

        // Then the final dyad and triad states and the alert episodes are the reference's, with no duplicate
        assertThat(killed.kills()).isEqualTo(2);
        assertThat(killed.output().differences(reference.output())).isEmpty();
        assertThat(killed.output().duplicates()).isEmpty();
        // And the checker does see duplicates when they are there
        assertThat(ReliabilityRuns.withInjectedDuplicate(killed.output()).duplicates()).hasSize(2);
    }

    @Test
    void shouldFenceAnAnalyzerFrozenPastItsTransactionTimeoutSoThatNothingIsWrittenTwice() throws Exception {
        // When the analyzer is frozen with SIGSTOP, replaced, and thawed with SIGCONT
        ReliabilityRuns.Run zombie = runs.zombie(EVENTS, RATE);
        System.out.println("zombie run: " + zombie.notes());

        // Then the output is the reference's, with no duplicate: the zombie's late writes were fenced
        assertThat(zombie.output().differences(reference.output())).isEmpty();
        assertThat(zombie.output().duplicates()).isEmpty();
    }
}
