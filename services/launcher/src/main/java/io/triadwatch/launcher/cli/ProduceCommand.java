package io.triadwatch.launcher.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.ingest.file.JsonlIngest;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.ingest.publish.RecentIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triadwatch produce}: publish files of events to a cluster. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Publish event files to triadwatch.events.v1 (bad lines go to the DLQ and are reported).",
                "Exit code: 0 all published, 3 some inputs rejected, 1 failure."})
public final class ProduceCommand implements Callable<Integer> {
    /** Exit code when some inputs were rejected but the rest was published. */
    public static final int SOME_REJECTED = 3;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--format", defaultValue = "jsonl", description = "Input format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files.")
    List<Path> files;

    /** Supported input formats. */
    public enum Format { jsonl }

    @Override
    public Integer call() throws Exception {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                Console.err("cannot read " + file);
                return 1;
            }
        }
        String bootstrap = kafka.bootstrapServers() == null ? "127.0.0.1:9092" : kafka.bootstrapServers();
        Map<String, Object> props = kafka.clientProperties(bootstrap);
        IngestSummary summary;
        try (EventPublisher publisher = new EventPublisher(props, new SimpleMeterRegistry(), RecentIds.DEFAULT_CAPACITY)) {
            summary = new JsonlIngest(publisher, Console::err, Console::out).ingest(files);
        }
        Console.out(summary.describe());
        return summary.rejectedTotal() > 0 ? SOME_REJECTED : 0;
    }
}
