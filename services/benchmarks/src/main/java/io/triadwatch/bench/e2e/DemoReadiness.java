package io.triadwatch.bench.e2e;

import io.triadwatch.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Demo readiness on a built tree: runs {@code java -jar triadwatch.jar demo} as a separate process
 * (a cold JVM, as a user would) on free ports and a fresh data directory, and times from starting
 * the process to the first record on the alerts topic, read as any client would (read_committed).
 * The process is stopped with SIGTERM (as Ctrl-C) afterwards.
 */
final class DemoReadiness {
    private static final Pattern KAFKA = Pattern.compile("Kafka: embedded KRaft broker on (\\S+)");

    private DemoReadiness() {
    }

    /**
     * @param printedReady seconds until the demo printed that it is running, or -1
     * @param firstState   seconds until the first dyad state was readable, or -1
     * @param firstAlert   seconds until the first alert was readable, or -1
     * @param alerts       alerts read within the time limit (the demo timeline's alerts)
     * @param peakRssMiB   the demo process's VmHWM when it was stopped
     * @param note         what happened when something is missing
     */
    record Result(double printedReady, double firstState, double firstAlert, long alerts, long peakRssMiB, String note) {
    }

    static Result measure(Path jar, Path dataDir, Duration limit, Progress progress, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx2g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "demo", "--port", "0", "--kafka-port", "0", "--data-dir", dataDir.toString(), "--fresh"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        Deque<String> lastLines = new ArrayDeque<>();
        String[] bootstrap = new String[1];
        double[] ready = {-1};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                        Matcher m = KAFKA.matcher(line);
                        if (m.find() && bootstrap[0] == null) {
                            bootstrap[0] = m.group(1);
                            lastLines.notifyAll();
                        }
                        if (line.contains("Triadwatch is running") && ready[0] < 0) {
                            ready[0] = (System.nanoTime() - start) / 1e9;
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended; its output is complete
            }
        }, "bench-demo-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = start + limit.toNanos();
        double firstState = -1;
        double firstAlert = -1;
        long alerts = 0;
        String note = "";
        try {
            synchronized (lastLines) {
                while (bootstrap[0] == null && System.nanoTime() < deadline && process.isAlive()) {
                    lastLines.wait(100);
                }
            }
            if (bootstrap[0] == null) {
                return new Result(ready[0], -1, -1, 0, -1, "the demo printed no Kafka address: " + tail(lastLines));
            }
            progress.accept("demo: embedded broker at " + bootstrap[0] + " after " + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
            Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap[0]);
            try (Admin admin = Admin.create(kafka)) {
                while (System.nanoTime() < deadline && !Offsets.get(admin.listTopics().names()).containsAll(List.of(Topics.ALERTS.name(), Topics.DYAD_STATE.name()))) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                Map<String, Object> props = new HashMap<>(kafka);
                props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-demo-probe");
                props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = Offsets.partitions(consumer, List.of(Topics.ALERTS.name(), Topics.DYAD_STATE.name()));
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    while (System.nanoTime() < deadline && firstAlert < 0 && process.isAlive()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                            double at = (System.nanoTime() - start) / 1e9;
                            if (r.topic().equals(Topics.ALERTS.name())) {
                                alerts++;
                                firstAlert = firstAlert < 0 ? at : firstAlert;
                            } else if (firstState < 0) {
                                firstState = at;
                            }
                        }
                    }
                }
                if (firstAlert < 0) {
                    long rules = new Offsets(admin).endSum(List.of(Topics.RULES.name()));
                    note = "no alert within " + limit.toSeconds() + " s" + (rules == 0 ? " (the demo published no alert rules)" : "")
                            + (process.isAlive() ? "" : "; the demo process ended: " + tail(lastLines));
                }
            }
            return new Result(ready[0], firstState, firstAlert, alerts, Memory.peakRssMiB(process.pid()), note);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                progress.accept("demo: did not stop within 30 s of SIGTERM; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The two demo runs of {@link #measureColdThenArchived}.
     *
     * @param cold     the first run, in a cold JVM listing the classes it loads
     * @param archived the second, from the class-data archive written from that list; null when the archive could not be written
     */
    record Runs(Result cold, Result archived) {
    }

    /**
     * Measures the demo as {@code ./triadwatch demo} runs it: a first run lists the classes it loads, a
     * class-data archive is written from that list, and a second run starts from it (JDK AppCDS).
     */
    static Runs measureColdThenArchived(Path jar, Path work, Duration limit, Progress progress) throws IOException, InterruptedException {
        Path list = work.resolve("demo.classlist");
        Path archive = work.resolve("demo.jsa");
        Result cold = measure(jar, work.resolve("demo-cold"), limit, progress, List.of("-XX:DumpLoadedClassList=" + list));
        progress.accept("demo readiness: cold JVM, first alert " + Report.secs(cold.firstAlert()) + "; writing the class-data archive");
        Process dump = new ProcessBuilder(javaBin(), "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-cp", jar.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
            dump.destroyForcibly();
            progress.accept("demo readiness: the class-data archive could not be written; only the cold run is reported");
            return new Runs(cold, null);
        }
        return new Runs(cold, measure(jar, work.resolve("demo"), limit, progress, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off")));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            return String.join(" | ", lines);
        }
    }
}
