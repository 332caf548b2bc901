package io.triadwatch.launcher.cli;

import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code triadwatch run --role ...}: one or more roles against an existing cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run roles against an existing Kafka cluster. Scale out by starting more processes with the same roles.",
                "Needs " + ApiToken.ENV + " (writes are authenticated)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--role", split = ",", defaultValue = "all", converter = RoleConverter.class,
            description = "ingest, analyzer, alerter, api or all (comma-separated; default ${DEFAULT-VALUE}).")
    List<Role> roles;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "HTTP interface (default ${DEFAULT-VALUE}).")
    String host;

    // Not under the OS temp directory: that may be cleaned under a running instance (Kafka Streams warns about it at every start).
    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.triadwatch/streams", description = "Kafka Streams state directory (default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--public-url", description = "Base URL of the dashboard, used in alert links (default http://HOST:PORT).")
    String publicUrl;

    @Option(names = "--alertmanager-url", description = "Push alerts to this Alertmanager (base URL).")
    String alertmanagerUrl;

    @Option(names = "--webhook-url", description = "POST every alert to this URL.")
    String webhookUrl;

    @Option(names = "--advertised-host", description = "Host other instances reach this one at, for routed queries (e.g. the pod IP); default: --host, or this machine's name.")
    String advertisedHost;

    @Option(names = "--grace", defaultValue = "P30D", description = "Analyzer: how far behind its dyad's newest event time an event may be and still be applied"
            + " (exactly, at its own time); later ones go to the DLQ as LATE. ISO-8601, e.g. P30D, PT12H (default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--history-points", defaultValue = "1000", description = "Analyzer: history points kept per dyad (the oldest go first). They answer"
            + " /api/dyads/{a}/{b}/history and let an event that arrives late be applied exactly; fewer bound the disk a busy dyad takes (default ${DEFAULT-VALUE}).")
    int historyPoints;

    @Option(names = "--standby-replicas", defaultValue = "1", description = "Analyzer and alerter: standby copies of each state partition on other instances,"
            + " so that queries keep answering (flagged stale) and a failover restores little (default ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--instance-name", description = "This instance's name, stable across restarts and unique among instances: the Streams"
            + " static membership id (group.instance.id), so a restart within --session-timeout moves no task (default HOSTNAME-PORT).")
    String instanceName;

    @Option(names = "--session-timeout", defaultValue = "PT30S", description = "Analyzer and alerter: how long a silent instance keeps its tasks"
            + " before the others take them (its queries are answered from standbys meanwhile). ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(names = "--create-topics", description = "Create missing topics before starting.")
    boolean createTopics;

    @Override
    public Integer call() throws Exception {
        if (historyPoints < 1) {
            Console.err("--history-points must be 1 or more, got " + historyPoints);
            return 2;
        }
        String token = ApiToken.fromEnvironment();
        if (token == null) {
            Console.err(ApiToken.ENV + " is not set: writes must be authenticated, refusing to start without a token");
            return 1;
        }
        // Installed first: a stop signal during the cluster check or the start-up stops the process too.
        Shutdown shutdown = new Shutdown();
        var props = kafka.reachableCluster(EnumSet.copyOf(roles));
        String bootstrap = (String) props.get("bootstrap.servers");
        if (createTopics) {
            TopicSetup.ensure(props, null, Console::out);
        }
        String url = publicUrl != null ? publicUrl : "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port;
        try (TriadwatchApp app = TriadwatchApp.start(new AppConfig(EnumSet.copyOf(roles), props, host, port, token, stateDir, url, alertmanagerUrl, webhookUrl, advertisedHost, grace,
                AppConfig.failover(standbyReplicas, instanceName != null ? instanceName : defaultInstanceName(), sessionTimeout)).withHistoryPoints(historyPoints))) {
            Console.out("Triadwatch " + roles + " running against " + bootstrap + "; HTTP on port " + app.httpPort() + ". Ctrl-C stops.");
            shutdown.await();
            Console.out("stopping ...");
        }
        Console.out("Triadwatch stopped.");
        return 0;
    }

    /** The machine's name and the HTTP port: stable across restarts, unique among instances on one machine. */
    private String defaultInstanceName() {
        return AppConfig.instanceName(Integer.toString(port));
    }

    /** Accepts role names in any case. */
    static final class RoleConverter implements picocli.CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
