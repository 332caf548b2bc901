package io.triadwatch.launcher.cli;

import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.embedded.KafkaExitGuard;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import io.triadwatch.launcher.demo.DemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code triadwatch demo}: the whole system on one machine, replaying the seed timeline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything in one process: an embedded Kafka broker (unless --bootstrap-servers is given),",
                "ingest, analyzer, alerter and dashboard; replay the demo timeline; serve until Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port of the API and dashboard (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "HTTP interface to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded broker on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--data-dir", description = "Where the embedded broker and the Streams state live (default ~/.triadwatch/demo).")
    Path dataDir;

    @Option(names = "--fresh", description = "Wipe --data-dir first.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".triadwatch", "demo");
        if (fresh) {
            wipe(dir);
        }
        Files.createDirectories(dir);
        String token = ApiToken.fromEnvironment();
        boolean generated = token == null;
        token = generated ? ApiToken.generate() : token;
        Shutdown shutdown = new Shutdown();
        EmbeddedKafkaCluster broker = null;
        TriadwatchApp app = null;
        try {
            String bootstrap = kafka.bootstrapServers();
            if (bootstrap == null) {
                KafkaExitGuard.install();
                broker = EmbeddedKafkaCluster.builder().dataDirectory(dir.resolve("kafka")).brokerPort(kafkaPort).build().start();
                bootstrap = broker.bootstrapServers();
                Console.out("Kafka: embedded KRaft broker on " + bootstrap + " (data in " + dir.resolve("kafka") + ")");
            }
            Map<String, Object> props = kafka.clientProperties(bootstrap);
            TopicSetup.ensure(props, null, Console::out);
            app = TriadwatchApp.start(new AppConfig(EnumSet.of(Role.ALL), props, host, port, token, dir.resolve("streams"),
                    "http://" + host + ":" + port, null, null));
            IngestSummary summary = DemoData.publish(props, app.publisher(), DemoRules.lines(), Console::out);
            Console.out("demo timeline: " + summary.describe());
            Console.out("");
            Console.out("Triadwatch is running: http://" + host + ":" + app.httpPort() + "/");
            Console.out("API token" + (generated ? " (generated; set " + ApiToken.ENV + " to choose one)" : "") + ": " + token);
            Console.out("  curl -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' \\");
            Console.out("       -d @event.json http://" + host + ":" + app.httpPort() + "/api/events");
            Console.out("Press Ctrl-C to stop.");
            shutdown.await();
            Console.out("stopping ...");
            return 0;
        } finally {
            if (app != null) {
                app.close();
            }
            if (broker != null) {
                broker.close();
            }
            Console.out("Triadwatch stopped.");
        }
    }

    private static void wipe(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
