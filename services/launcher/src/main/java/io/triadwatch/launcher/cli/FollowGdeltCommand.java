package io.triadwatch.launcher.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.adapters.gdelt.GdeltBatchSink;
import io.triadwatch.adapters.gdelt.GdeltFollower;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.RecentIds;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.follow.KafkaCheckpoint;
import io.triadwatch.launcher.input.AdapterFeed;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code triadwatch follow-gdelt}: ingest each new GDELT 15-minute export once. */
@Command(name = "follow-gdelt", mixinStandardHelpOptions = true,
        description = {"Poll a GDELT lastupdate.txt-style index, download each new export once and publish its events.",
                "The last ingested batch is kept in triadwatch.follower-checkpoints.v1: a restart neither skips nor repeats a batch."})
public final class FollowGdeltCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--url", required = true, description = "The index URL, e.g. " + "http://data.gdeltproject.org/gdeltv2/lastupdate.txt")
    URI url;

    @Option(names = "--interval", defaultValue = "PT5M", description = "Poll interval, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Poll once, ingest what is new, and exit.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = kafka.reachableCluster(Set.of(Role.INGEST));
        Path work = Files.createTempDirectory("triadwatch-gdelt");
        Shutdown shutdown = once ? null : new Shutdown();
        try (EventPublisher publisher = new EventPublisher(props, new SimpleMeterRegistry(), RecentIds.DEFAULT_CAPACITY);
             KafkaCheckpoint checkpoint = new KafkaCheckpoint(props, url.toString())) {
            GdeltBatchSink sink = (batch, items) -> {
                IngestRun run = new IngestRun(publisher, "gdelt", Console::out);
                AdapterFeed.feed(items, batch.url().toString(), run, Console::err);
                // Returns only once every event is acknowledged: then the follower saves the checkpoint.
                Console.out("batch " + batch.timestamp() + ": " + run.finish().describe());
            };
            GdeltFollower.Config config = new GdeltFollower.Config(url, interval, 96, Duration.ofSeconds(60), work);
            try (GdeltFollower follower = new GdeltFollower(config, checkpoint, sink)) {
                Console.out("following " + url + (checkpoint.last().map(b -> " after batch " + b.timestamp()).orElse(" from its latest batch")));
                if (once) {
                    GdeltFollower.PollResult result = follower.pollOnce();
                    result.failure().ifPresent(f -> Console.err("poll failed: " + f));
                    return result.failure().isPresent() ? 1 : 0;
                }
                follower.start();
                shutdown.await();
                Console.out("stopping ...");
            }
        } finally {
            Directories.wipe(work);
        }
        return 0;
    }
}
