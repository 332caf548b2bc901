package io.triadwatch.launcher;

import io.triadwatch.launcher.cli.DemoCommand;
import io.triadwatch.launcher.cli.FollowGdeltCommand;
import io.triadwatch.launcher.cli.ProduceCommand;
import io.triadwatch.launcher.cli.ReplayCommand;
import io.triadwatch.launcher.cli.RunCommand;
import io.triadwatch.launcher.cli.Shutdown;
import io.triadwatch.launcher.cli.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code triadwatch} command line. */
@Command(name = "triadwatch", mixinStandardHelpOptions = true, version = "triadwatch 0.1.0",
        description = "Event-streaming monitor of relations between countries: dyads, triads and alerts on Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, ProduceCommand.class, FollowGdeltCommand.class, TopicsCommand.class})
public final class Main {
    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line (tests call it without exiting) */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(Main.class);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (Shutdown.requested()) {
                // A stop signal interrupted the start-up: what had started is closed; that is a clean stop.
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("start-up interrupted by a stop signal", e);
                cmd.getErr().println("stopped before start-up finished");
                return 0;
            }
            // A failure is told in one line; the stack trace goes to the log at debug level only.
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        });
        return cli;
    }
}
