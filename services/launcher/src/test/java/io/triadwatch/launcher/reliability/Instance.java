package io.triadwatch.launcher.reliability;

import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One Triadwatch process as {@code run} builds it, started in this JVM: {@link TriadwatchApp} with
 * the roles given, its own state directory and HTTP port, and {@code run}'s failover settings (one
 * standby, static membership named after the instance, a short session timeout so a test sees the
 * takeover). An instance to be killed runs as a child process instead ({@code CliProcess}), so
 * that it dies by SIGKILL.
 */
final class Instance implements AutoCloseable {
    /** The session timeout of the instances: how long a killed one keeps its tasks. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final String TOKEN = "reliability-token";

    private final String name;
    private final TriadwatchApp app;
    private boolean closed;

    private Instance(String name, TriadwatchApp app) {
        this.name = name;
        this.app = app;
    }

    /**
     * @param standbys standby replicas per stateful task ({@code run}'s default is 1)
     * @param name     the instance name ({@code --instance-name}), or null for dynamic membership
     */
    static Instance start(String bootstrap, Set<Role> roles, Path stateDir, int standbys, String name) {
        Map<String, Object> streams = AppConfig.failover(standbys, name, SESSION_TIMEOUT);
        TriadwatchApp app = TriadwatchApp.start(new AppConfig(roles, Map.of("bootstrap.servers", bootstrap), "127.0.0.1", 0, TOKEN,
                stateDir, null, null, null, "127.0.0.1", null, streams));
        return new Instance(name, app);
    }

    /** @return the instance name */
    String name() {
        return name;
    }

    /** @return {@code 127.0.0.1:port} of its HTTP server */
    String address() {
        return "127.0.0.1:" + app.httpPort();
    }

    /** @return the running app */
    TriadwatchApp app() {
        return app;
    }

    /** @return whether {@code /ready} answers 200 */
    boolean isReady() {
        return Http.get(address(), "/ready").ok();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            app.close();
        }
    }
}
