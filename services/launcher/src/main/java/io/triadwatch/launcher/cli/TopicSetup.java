package io.triadwatch.launcher.cli;

import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Creates or checks Triadwatch's topics on the cluster a command talks to. */
final class TopicSetup {
    private TopicSetup() {
    }

    /**
     * Creates missing topics and checks existing ones.
     *
     * @param replicationFactor replicas for new topics, or null for min(3, brokers)
     * @return the problems found on existing topics (empty when all is well)
     */
    static List<String> ensure(Map<String, Object> kafka, Short replicationFactor, java.util.function.Consumer<String> out) throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            short rf = replicationFactor != null ? replicationFactor
                    : (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            TopicAdmin.TopicReport report = new TopicAdmin(admin).ensure(Topics.ALL, rf);
            if (!report.created().isEmpty()) {
                out.accept("created topics (replication " + rf + "): " + String.join(", ", report.created()));
            }
            report.problems().forEach(p -> out.accept("topic problem: " + p));
            return report.problems();
        }
    }
}
