package io.triadwatch.launcher.cli;

import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triadwatch topics create|check}. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the missing Triadwatch topics (create) or check the existing ones (check); exit 2 on problems.")
public final class TopicsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "ACTION", description = "create or check")
    Action action;

    @Option(names = "--replication-factor", description = "Replicas for created topics (default: min(3, brokers)).")
    Short replicationFactor;

    /** What to do. */
    public enum Action { create, check }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = kafka.reachableCluster();
        List<String> problems;
        if (action == Action.create) {
            problems = TopicSetup.ensure(props, replicationFactor, Console::out);
        } else {
            try (Admin admin = Admin.create(props)) {
                problems = new TopicAdmin(admin).verify(Topics.ALL);
            }
            problems.forEach(p -> Console.out("topic problem: " + p));
        }
        Console.out(problems.isEmpty() ? "all " + Topics.ALL.size() + " topics are as specified" : problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 2;
    }
}
