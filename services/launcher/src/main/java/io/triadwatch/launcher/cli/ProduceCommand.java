package io.triadwatch.launcher.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.ingest.publish.RecentIds;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.input.EventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triadwatch produce}: publish files of events to a cluster. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Publish event files to triadwatch.events.v1: canonical JSONL, or GDELT, ICEWS and UN files through their adapters.",
                "Bad JSONL lines go to the DLQ and are reported with their line; adapter rows out of scope are counted as skipped.",
                "Exit code: 0 all published, 3 some inputs rejected, 1 failure."})
public final class ProduceCommand implements Callable<Integer> {
    /** Exit code when some inputs were rejected but the rest was published. */
    public static final int SOME_REJECTED = 3;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--format", completionCandidates = FormatNames.class,
            description = "Format of the files given without :FORMAT: ${COMPLETION-CANDIDATES}. Without it, each such file's format is detected.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE[:FORMAT]",
            description = "Input files, each with its format after the last ':' or detected; .zip and .gz are read unpacked.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        List<EventSource> sources;
        try {
            sources = InputArguments.sources(files, format, Console::out);
        } catch (IllegalArgumentException e) {
            Console.err(e.getMessage());
            return 1;
        }
        Map<String, Object> props = kafka.reachableCluster(Set.of(Role.INGEST));
        IngestSummary summary;
        try (EventPublisher publisher = new EventPublisher(props, new SimpleMeterRegistry(), RecentIds.DEFAULT_CAPACITY)) {
            IngestRun run = new IngestRun(publisher, "cli", Console::out);
            try {
                for (EventSource source : sources) {
                    source.feed(run, Console::err);
                }
            } finally {
                summary = run.finish();
            }
        }
        Console.out(summary.describe());
        return summary.rejectedTotal() > 0 ? SOME_REJECTED : 0;
    }
}
