package io.triadwatch.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Kafka Streams' own thread and producer metrics of one application, read from this JVM's JMX
 * beans (every Kafka client registers its metrics there): where a stream thread's time goes
 * (process, commit, poll), how long commits take, and how often its transactional producer had to
 * retry. Read at the end of a phase; ratios are Kafka's windowed averages over the last ~30 s.
 */
final class StreamsStats {
    /** Thread metrics read, by their Kafka name. */
    static final List<String> THREAD_METRICS = List.of("process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio",
            "commit-latency-avg", "commit-latency-max", "process-latency-avg", "process-records-avg", "blocked-time-ns-total");
    /** Producer metrics read, by their Kafka name. */
    static final List<String> PRODUCER_METRICS = List.of("record-retry-total", "record-error-total", "txn-commit-time-ns-total", "flush-time-ns-total");

    private StreamsStats() {
    }

    /**
     * @param applicationId the Streams application id (thread and client ids start with it)
     * @return metric name → value: thread metrics averaged over the app's stream threads (totals summed),
     *         producer metrics summed over its producers; missing metrics are left out
     */
    static Map<String, Double> snapshot(String applicationId) {
        Map<String, Double> out = new LinkedHashMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String metric : THREAD_METRICS) {
            double[] sumAndCount = sum(server, "kafka.streams:type=stream-thread-metrics,*", "thread-id", applicationId, metric);
            if (sumAndCount[1] > 0) {
                out.put(metric, metric.endsWith("-total") ? sumAndCount[0] : sumAndCount[0] / sumAndCount[1]);
            }
        }
        for (String metric : PRODUCER_METRICS) {
            double[] sumAndCount = sum(server, "kafka.producer:type=producer-metrics,*", "client-id", applicationId, metric);
            if (sumAndCount[1] > 0) {
                out.put(metric, sumAndCount[0]);
            }
        }
        return out;
    }

    /** @return the sum of {@code attribute} over the beans matching {@code pattern} whose {@code key} starts with {@code prefix}, and how many had it */
    private static double[] sum(MBeanServer server, String pattern, String key, String prefix, String attribute) {
        double sum = 0;
        int n = 0;
        try {
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                if (String.valueOf(name.getKeyProperty(key)).startsWith(prefix)) {
                    Double v = value(server, name, attribute);
                    if (v != null) {
                        sum += v;
                        n++;
                    }
                }
            }
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        return new double[] {sum, n};
    }

    private static Double value(MBeanServer server, ObjectName name, String attribute) {
        try {
            Object v = server.getAttribute(name, attribute);
            if (v instanceof Number n && !Double.isNaN(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
                return n.doubleValue();
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
