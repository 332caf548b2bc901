package io.triadwatch.launcher.cli;

import io.triadwatch.kafka.embedded.KafkaExitGuard;
import io.triadwatch.launcher.demo.Demo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
            Directories.wipe(dir);
        }
        Files.createDirectories(dir);
        String token = ApiToken.fromEnvironment();
        boolean generated = token == null;
        token = generated ? ApiToken.generate() : token;
        Shutdown shutdown = new Shutdown();
        if (kafka.bootstrapServers() == null) {
            KafkaExitGuard.install();
        } else {
            kafka.reachableCluster();
        }
        Map<String, Object> extra = kafka.fileProperties();
        try (Demo demo = Demo.serve(new Demo.Options(kafka.bootstrapServers(), extra, kafkaPort, dir, host, port, token, DemoRules.lines()), Console::out)) {
            Console.out("");
            Console.out("Triadwatch is running: http://" + host + ":" + demo.httpPort() + "/");
            Console.out("Kafka for other clients: " + demo.bootstrapServers());
            Console.out("API token" + (generated ? " (generated; set " + ApiToken.ENV + " to choose one)" : "") + ": " + token);
            Console.out("  curl -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' \\");
            Console.out("       -d @event.json http://" + host + ":" + demo.httpPort() + "/api/events");
            Console.out("Press Ctrl-C to stop. Replaying the demo timeline now; watch it arrive on the dashboard.");
            Thread timeline = new Thread(() -> {
                try {
                    demo.publishTimeline(Console::out);
                } catch (RuntimeException e) {
                    // Ctrl-C while the timeline plays closes the clients under it: say so, quietly.
                    Console.err("demo timeline stopped: " + e.getMessage());
                }
            }, "demo-timeline");
            timeline.setDaemon(true);
            timeline.start();
            shutdown.await();
            Console.out("stopping ...");
        }
        Console.out("Triadwatch stopped.");
        return 0;
    }
}
