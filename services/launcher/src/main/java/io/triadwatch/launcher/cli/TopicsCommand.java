package io.triadwatch.launcher.cli;

import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.security.RoleAcls;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triadwatch topics create|check|acls}. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create the missing Triadwatch topics (create) or check the existing ones (check); exit 2 on problems.",
                "acls: print the Kafka ACLs each role needs (all roles as a table, or --role for --principal as bindings);"
                        + " with --apply, create them on the cluster (needs an administrator's --kafka-config)."})
public final class TopicsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "ACTION", description = "create, check or acls")
    Action action;

    @Option(names = "--replication-factor", description = "Replicas for created topics (default: min(3, brokers)).")
    Short replicationFactor;

    @Option(names = "--role", converter = RunCommand.RoleConverter.class,
            description = "acls: the role (ingest, analyzer, alerter, api or all).")
    Role role;

    @Option(names = "--principal", paramLabel = "TYPE:NAME", description = "acls: the Kafka principal the role runs as, e.g. User:triadwatch-analyzer.")
    String principal;

    @Option(names = "--apply", description = "acls: create the bindings on the cluster instead of printing them.")
    boolean apply;

    /** What to do. */
    public enum Action { create, check, acls }

    @Override
    public Integer call() throws Exception {
        if (action == Action.acls) {
            return acls();
        }
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

    private int acls() throws Exception {
        if (role == null && principal == null && !apply) {
            Console.out(RoleAcls.table());
            return 0;
        }
        if (role == null || principal == null) {
            Console.err("topics acls needs both --role and --principal (or neither, for the table of every role)");
            return 1;
        }
        List<AclBinding> bindings = RoleAcls.bindings(role, principal);
        if (!apply) {
            bindings.forEach(b -> Console.out(b.entry().permissionType() + " " + b.entry().principal() + " " + b.entry().operation()
                    + " " + b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name()));
            return 0;
        }
        try (Admin admin = Admin.create(kafka.reachableCluster())) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
        Console.out("created " + bindings.size() + " ACL bindings for " + principal + " (role " + role.name().toLowerCase(java.util.Locale.ROOT) + ")");
        return 0;
    }
}
