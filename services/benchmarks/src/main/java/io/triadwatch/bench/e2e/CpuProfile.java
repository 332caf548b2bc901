package io.triadwatch.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder CPU profile of a phase, summarized: where the samples of each thread group
 * fall, by the nearest library on the stack (JSON serde — Jackson and Triadwatch's own
 * {@code io.triadwatch.serde}, whose date parsing is part of it —, JSON Schema, RocksDB, Kafka
 * clients, Kafka Streams runtime, broker, the rest of Triadwatch's code), and the hottest methods. Samples of threads running
 * Java code ({@code jdk.ExecutionSample}) and of threads in native code ({@code jdk.NativeMethodSample},
 * e.g. RocksDB or socket I/O) are both counted.
 */
final class CpuProfile implements AutoCloseable {
    private final Recording recording;
    private final Path file;

    /**
     * The summary of a recording.
     *
     * @param samples     samples counted (Java and native)
     * @param byGroup     share of samples by thread group, then by category inside the group (percent of all samples)
     * @param hotMethods  the hottest methods (self, Java samples), with their share of Java samples
     * @param file        the recording
     */
    record Summary(long samples, Map<String, Map<String, Double>> byGroup, Map<String, Double> hotMethods, Path file) {
    }

    /** Starts recording with the JDK's "profile" settings (CPU samples every 10-20 ms). */
    CpuProfile(Path file) throws IOException, ParseException {
        this.file = file;
        this.recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setToDisk(true);
        recording.setDestination(file);
        recording.start();
    }

    /** Stops recording and summarizes it. */
    Summary stop() throws IOException {
        recording.stop();
        recording.close();
        return summarize(file);
    }

    @Override
    public void close() {
        recording.close();
    }

    static Summary summarize(Path file) throws IOException {
        Map<String, Map<String, Long>> byGroup = new HashMap<>();
        Map<String, Long> hot = new HashMap<>();
        long total = 0;
        long javaSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            boolean java = type.equals("jdk.ExecutionSample");
            if (!java && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            RecordedThread thread = event.getThread("sampledThread");
            if (stack == null || thread == null) {
                continue;
            }
            String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
            String group = ThreadCpu.group(name == null ? "" : name);
            List<RecordedFrame> frames = stack.getFrames();
            String category = java ? category(frames) : "native: " + category(frames);
            if (!java && isIdleNative(frames)) {
                continue;
            }
            byGroup.computeIfAbsent(group, g -> new HashMap<>()).merge(category, 1L, Long::sum);
            total++;
            if (java && !frames.isEmpty()) {
                javaSamples++;
                RecordedFrame top = frames.get(0);
                hot.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            }
        }
        long all = Math.max(1, total);
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        byGroup.entrySet().stream()
                .sorted((a, b) -> Long.compare(sum(b.getValue()), sum(a.getValue())))
                .forEach(g -> {
                    Map<String, Double> cats = new LinkedHashMap<>();
                    g.getValue().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .forEach(c -> cats.put(c.getKey(), 100.0 * c.getValue() / all));
                    groups.put(g.getKey(), cats);
                });
        Map<String, Double> hotMethods = new LinkedHashMap<>();
        long javaAll = Math.max(1, javaSamples);
        hot.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> hotMethods.put(e.getKey(), 100.0 * e.getValue() / javaAll));
        return new Summary(total, groups, hotMethods, file);
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Threads parked in epoll or a socket read are waiting, not working: not CPU. */
    private static boolean isIdleNative(List<RecordedFrame> frames) {
        if (frames.isEmpty()) {
            return true;
        }
        String top = frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
        return top.contains("EPoll") || top.contains("epoll") || top.contains("Net.poll") || top.contains("socketAccept")
                || top.contains("SocketDispatcher.read") || top.contains("FileDispatcherImpl.read") || top.contains("Unsafe.park")
                || top.contains("Object.wait") || top.contains("Thread.sleep");
    }

    /** The nearest non-JDK frame from the top decides the category. */
    static String category(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.")) {
                continue;
            }
            return categoryOf(type);
        }
        return "JDK only";
    }

    private static String categoryOf(String type) {
        if (type.startsWith("com.fasterxml.jackson") || type.startsWith("io.triadwatch.serde")) {
            return "JSON serde (Jackson, io.triadwatch.serde)";
        }
        if (type.startsWith("com.networknt") || type.startsWith("io.triadwatch.schemas")) {
            return "JSON Schema validation";
        }
        if (type.startsWith("org.rocksdb")) {
            return "RocksDB";
        }
        if (type.startsWith("org.apache.kafka.streams.state")) {
            return "Streams state stores";
        }
        if (type.startsWith("org.apache.kafka.streams")) {
            return "Streams runtime";
        }
        if (type.startsWith("org.apache.kafka.clients") || type.startsWith("org.apache.kafka.common")) {
            return "Kafka clients";
        }
        if (type.startsWith("kafka.") || type.startsWith("org.apache.kafka.")) {
            return "Kafka broker";
        }
        if (type.startsWith("io.triadwatch")) {
            return "Triadwatch code";
        }
        if (type.startsWith("net.jpountz") || type.startsWith("com.github.luben") || type.startsWith("org.xerial")) {
            return "compression";
        }
        if (type.startsWith("io.micrometer")) {
            return "metrics";
        }
        if (type.startsWith("scala.")) {
            return "Kafka broker";
        }
        return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
    }

    /** @return the categories summed over groups */
    static Map<String, Double> overall(Summary summary) {
        Map<String, Double> out = new HashMap<>();
        summary.byGroup().values().forEach(m -> m.forEach((k, v) -> out.merge(k, v, Double::sum)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        new ArrayList<>(out.entrySet()).stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
