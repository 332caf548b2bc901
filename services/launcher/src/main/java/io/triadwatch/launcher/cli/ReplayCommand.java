package io.triadwatch.launcher.cli;

import io.triadwatch.kafka.embedded.KafkaExitGuard;
import io.triadwatch.launcher.input.EventSource;
import io.triadwatch.launcher.replay.Replay;
import io.triadwatch.serde.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code triadwatch replay}: a backtest on a private embedded broker. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run historical events through the real analyzer and alerter on a private embedded broker,",
                "wait until everything is processed, and write DIR/dyads.jsonl, triads.jsonl, alerts.jsonl and dlq.jsonl."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--demo", description = "Include the built-in demo timeline, officials, triads and default rules.")
    boolean demo;

    @Option(names = "--events", arity = "1..*", paramLabel = "FILE[:FORMAT]",
            description = {"Event files, each with its format after the last ':' (e.g. data.tab:icews) or detected from its first line;",
                    ".zip and .gz are read unpacked. Files of different formats combine, and with --demo."})
    List<String> events = new ArrayList<>();

    @Option(names = "--format", completionCandidates = FormatNames.class,
            description = "Format of the --events files given without :FORMAT: ${COMPLETION-CANDIDATES}. Without it, each such file's format is detected.")
    String format;

    @Option(names = "--officials", arity = "1..*", paramLabel = "FILE", description = "Officials registry files (JSONL).")
    List<Path> officials = new ArrayList<>();

    @Option(names = "--triads", arity = "1..*", paramLabel = "FILE", description = "Watched-triad files (JSONL).")
    List<Path> triads = new ArrayList<>();

    @Option(names = "--rules", arity = "1..*", paramLabel = "FILE", description = "Alert-rule files (JSONL).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--until", paramLabel = "DATE", description = "Ignore events after this ISO date or instant.")
    String until;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--keep-work-dir", description = "Keep the broker and Streams state (in DIR/.work) for inspection.")
    boolean keepWorkDir;

    @Override
    public Integer call() throws Exception {
        if (!demo && events.isEmpty()) {
            Console.err("nothing to replay: give --demo and/or --events FILE...");
            return 2;
        }
        List<EventSource> sources;
        try {
            sources = InputArguments.sources(events, format, Console::out);
        } catch (IllegalArgumentException e) {
            Console.err(e.getMessage());
            return 2;
        }
        for (Path file : concat(officials, triads, rules)) {
            if (!Files.isReadable(file)) {
                Console.err("cannot read " + file);
                return 2;
            }
        }
        Instant end = parseUntil();
        KafkaExitGuard.install();
        Path work = out.resolve(".work");
        Directories.wipe(work);
        try {
            Replay.Result result = Replay.run(new Replay.Plan(demo, sources, officials, triads, rules, DemoRules.lines(), end, out, work), Console::out);
            Console.out("wrote " + result.dyads() + " dyads, " + result.triads() + " triads, " + result.alerts() + " alert records, "
                    + result.dlq() + " dead letters to " + out);
            return 0;
        } finally {
            if (!keepWorkDir) {
                Directories.wipe(work);
            }
        }
    }

    private Instant parseUntil() {
        if (until == null) {
            return null;
        }
        try {
            // A date means the whole day is included.
            return until.length() == 10 ? LocalDate.parse(until).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1) : Json.parse(until);
        } catch (DateTimeParseException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--until must be an ISO date or instant, got '" + until + "'");
        }
    }

    @SafeVarargs
    private static List<Path> concat(List<Path>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
