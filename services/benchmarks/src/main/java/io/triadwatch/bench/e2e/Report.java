package io.triadwatch.bench.e2e;

import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a {@link RunResults} into the console table and the Markdown page. The page's hand-written
 * analysis — the text between {@value #ANALYSIS_START} and {@value #ANALYSIS_END} in the existing
 * file — is kept when the page is regenerated; everything else is replaced.
 */
final class Report {
    static final String ANALYSIS_START = "<!-- analysis:start -->";
    static final String ANALYSIS_END = "<!-- analysis:end -->";
    private static final String DEFAULT_ANALYSIS = """
            _No analysis written yet: read the figures above, the CPU split and the profile, and write
            here why the pipeline falls short of a target (this text survives regenerating the page)._
            """;

    private final RunResults r;

    Report(RunResults results) {
        this.r = results;
    }

    /** @return the headline and throughput tables as plain text for the console */
    String console() {
        StringBuilder out = new StringBuilder();
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-58s %14s %14s %9s %9s%n", "pipeline (N = " + fmt(r.loaded().events()) + " events)", "events/s", "steady/s", "seconds", "peak RSS"));
        out.append(String.format(Locale.ROOT, "%-58s %14s %14s %9s %9s%n", "raw consumer (read_committed)", fmt(r.raw().rate()), "", fmt1(r.raw().seconds()), r.rawStats().peakRssMiB() + " MiB"));
        out.append(String.format(Locale.ROOT, "%-58s %14s %14s %9s %9s%n", "minimal Streams app (count by key, exactly_once_v2)", fmt(r.minimal().rate()), fmt(r.minimal().steadyRate()),
                fmt1(r.minimal().seconds()), r.minimalStats().peakRssMiB() + " MiB"));
        out.append(String.format(Locale.ROOT, "%-58s %14s %14s %9s %9s%n", "Triadwatch analyzer + alerter (" + r.pipelineMode() + ")" + (r.triadwatchComplete() ? "" : " PARTIAL*"),
                fmt(r.triadwatchRate()), fmt(r.triadwatchSteadyRate()), fmt1(triadwatchSeconds()), r.pipelineStats().peakRssMiB() + " MiB"));
        if (!r.triadwatchComplete()) {
            out.append(String.format(Locale.ROOT, "* time limit %d s: the analyzer processed %,d of %,d records (%,.0f/s); the alerter still had %,d state records to process (rate above: events x share the alerter processed)%n",
                    r.settings().timeoutSeconds(), r.analyzer().processed(), r.analyzer().inputRecords(), r.analyzer().rate(), r.alerterLagAtLimit()));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "Triadwatch / minimal Streams app: %s   (target >= 0.3x, goal 0.6x; steady %s)%n", ratio(r.triadwatchRate(), r.minimal().rate()),
                ratio(r.triadwatchSteadyRate(), r.minimal().steadyRate())));
        out.append(String.format(Locale.ROOT, "Triadwatch / raw consumer:        %s%n", ratio(r.triadwatchRate(), r.raw().rate())));
        if (r.latency() != null) {
            LatencyRun.Result l = r.latency();
            out.append(String.format(Locale.ROOT, "latency at %s events/s offered for %d s (%s): event->state p50 %s p99 %s; event->alert p50 %s p99 %s (stamped; visible: state p99 %s, alert p99 %s)%n",
                    fmt(l.rate()), r.settings().latencySeconds(), l.keptUp() ? "kept up" : "DID NOT KEEP UP",
                    ms(l.stateStamped().percentile(50)), ms(l.stateStamped().percentile(99)), ms(l.alertStamped().percentile(50)), ms(l.alertStamped().percentile(99)),
                    ms(l.stateVisible().percentile(99)), ms(l.alertVisible().percentile(99))));
        }
        if (r.latencySustainable() != null) {
            LatencyRun.Result l = r.latencySustainable();
            out.append(String.format(Locale.ROOT, "latency at %s events/s (sustainable; %s): event->state p50 %s p99 %s; event->alert p50 %s p99 %s (stamped)%n",
                    fmt(l.rate()), l.keptUp() ? "kept up" : "DID NOT KEEP UP", ms(l.stateStamped().percentile(50)), ms(l.stateStamped().percentile(99)),
                    ms(l.alertStamped().percentile(50)), ms(l.alertStamped().percentile(99))));
        }
        if (r.latencyCompared() != null) {
            LatencyRun.Result l = r.latencyCompared();
            out.append(String.format(Locale.ROOT, "latency at %s events/s with %s (%s): event->state p50 %s p99 %s; event->alert p50 %s p99 %s (stamped)%n",
                    fmt(l.rate()), r.settings().compareStreams(), l.keptUp() ? "kept up" : "DID NOT KEEP UP", ms(l.stateStamped().percentile(50)),
                    ms(l.stateStamped().percentile(99)), ms(l.alertStamped().percentile(50)), ms(l.alertStamped().percentile(99))));
        }
        if (r.demoCold() != null) {
            out.append(String.format(Locale.ROOT, "demo: command -> first alert %s from the class-data archive, %s in a cold JVM%s%n",
                    r.demo() == null ? "-" : secs(r.demo().firstAlert()), secs(r.demoCold().firstAlert()), r.demoNote() == null ? "" : " - " + r.demoNote()));
        }
        if (!r.jmh().isEmpty()) {
            out.append('\n');
            out.append(String.format(Locale.ROOT, "%-40s %14s %12s %10s%n", "JMH benchmark", "ops/s", "± (99.9%)", "µs/op"));
            for (JmhResults.Result j : r.jmh()) {
                out.append(String.format(Locale.ROOT, "%-40s %14s %12s %10s%n", j.benchmark(), fmt(j.score()), Double.isNaN(j.error()) ? "n/a" : fmt(j.error()), fmt2(j.microsPerOp())));
            }
        }
        return out.toString();
    }

    private double triadwatchSeconds() {
        return r.alerter() != null && r.alerter().caughtUp() ? r.alerter().seconds() : r.analyzer().seconds();
    }

    /** Writes the page, keeping the analysis of an existing one. */
    void write(Path file) throws IOException {
        String analysis = DEFAULT_ANALYSIS;
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int a = old.indexOf(ANALYSIS_START);
            int b = old.indexOf(ANALYSIS_END);
            if (a >= 0 && b > a) {
                analysis = old.substring(a + ANALYSIS_START.length(), b).strip() + "\n";
            }
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, markdown(analysis), StandardCharsets.UTF_8);
    }

    String markdown(String analysis) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `./services/benchmarks/run.sh` (JMH, then the end-to-end load driver `io.triadwatch.bench.e2e.LoadDriver`) on ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(r.started().atOffset(ZoneOffset.UTC)))
                .append(". Everything below the analysis is generated; run the command again to refresh it. ")
                .append("Targets are for context, not assertions: no test asserts a speed.\n\n");
        headline(md);
        md.append("## Why we fall short, and where the time goes\n\n");
        md.append(ANALYSIS_START).append('\n').append(analysis).append(ANALYSIS_END).append("\n\n");
        machine(md);
        settings(md);
        throughput(md);
        latency(md);
        demo(md);
        jmh(md);
        cpu(md);
        streams(md);
        topicBytes(md);
        logs(md);
        profile(md);
        md.append("## How it is measured\n\n").append(METHOD);
        return md.toString();
    }

    private void headline(StringBuilder md) {
        md.append("## Headline\n\n");
        md.append("| figure | measured | target |\n|---|---|---|\n");
        md.append("| Triadwatch ÷ minimal exactly-once Streams app (events/s, start to caught up) | **").append(ratio(r.triadwatchRate(), r.minimal().rate()))
                .append("** (steady state ").append(ratio(r.triadwatchSteadyRate(), r.minimal().steadyRate())).append(")").append(r.triadwatchComplete() ? "" : " — partial, see below")
                .append(" | ≥ 0.3× (issue #10); goal 0.6× |\n");
        md.append("| Triadwatch ÷ raw consumer | **").append(ratio(r.triadwatchRate(), r.raw().rate())).append("** | — |\n");
        if (r.latency() != null) {
            LatencyRun.Result l = r.latency();
            md.append("| p99 event → alert at ").append(fmt(l.rate())).append(" events/s (stamped / visible to a read_committed consumer) | **")
                    .append(ms(l.alertStamped().percentile(99))).append("** / ").append(ms(l.alertVisible().percentile(99)))
                    .append(" (n = ").append(fmt(l.alertStamped().count())).append(")").append(l.keptUp() ? "" : "; **the pipeline did not keep up with the offered rate**").append(" | ≤ 1 s (issue #10); goal 250 ms |\n");
            md.append("| p99 event → dyad state at ").append(fmt(l.rate())).append(" events/s (stamped / visible) | ")
                    .append(ms(l.stateStamped().percentile(99))).append(" / ").append(ms(l.stateVisible().percentile(99))).append(" | — |\n");
        }
        if (r.latencySustainable() != null) {
            LatencyRun.Result l = r.latencySustainable();
            md.append("| p99 event → alert / → dyad state at ").append(fmt(l.rate())).append(" events/s, a rate the pipeline sustains (stamped) | ")
                    .append(ms(l.alertStamped().percentile(99))).append(" (n = ").append(fmt(l.alertStamped().count())).append(") / ")
                    .append(ms(l.stateStamped().percentile(99))).append(l.keptUp() ? "" : "; did not keep up either").append(" | ≤ 1 s (alert; goal 250 ms) |\n");
        }
        if (r.demoCold() != null) {
            DemoReadiness.Result shown = r.demo() != null ? r.demo() : r.demoCold();
            md.append("| demo ready: `./triadwatch demo` started → first alert readable (class-data archive; cold JVM) | **")
                    .append(r.demo() == null ? "—" : secs(r.demo().firstAlert())).append("**; ").append(secs(r.demoCold().firstAlert()))
                    .append(shown.note().isEmpty() ? "" : " (" + shown.note() + ")").append(" | ≤ 10 s (issue #10) |\n");
        }
        md.append('\n');
    }

    private void machine(StringBuilder md) {
        MachineInfo m = r.machine();
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| processors (nproc) | ").append(m.processors()).append(" |\n");
        md.append("| memory | ").append(String.format(Locale.ROOT, "%.1f GiB", m.memoryGiB())).append(" |\n");
        md.append("| CPU | ").append(m.cpuModel()).append(" |\n");
        md.append("| Java | ").append(m.java()).append(" |\n");
        md.append("| OS | ").append(m.os()).append(" |\n");
        md.append("| load average (1/5/15 min) before → after the end-to-end run | ").append(r.loadBefore()).append(" → ").append(r.loadAfter())
                .append(" (other work on the machine competes for the same cores) |\n");
        md.append("| driver JVM | max heap ").append(m.maxHeapMiB()).append(" MiB; `").append(r.settings().jvm()).append("` |\n");
        md.append("| end-to-end run time | ").append(fmt1(r.totalSeconds())).append(" s |\n\n");
    }

    private void settings(StringBuilder md) {
        RunResults.Settings s = r.settings();
        md.append("## Settings\n\n| | |\n|---|---|\n");
        md.append("| events N | ").append(fmt(s.events())).append(" (written once before the baselines, not timed as part of any pipeline: ")
                .append(fmt(r.loaded().rate())).append(" events/s, ").append(String.format(Locale.ROOT, "%.0f", r.loaded().bytes() / (double) r.loaded().events()))
                .append(" bytes per event on average) |\n");
        md.append("| mix sources (share of events) | ").append(r.mix().sources().stream()
                .map(src -> String.format(Locale.ROOT, "%s %.1f%% (%,d real events)", src.name(), 100.0 * r.loaded().sources().getOrDefault(src.name(), 0L) / r.loaded().events(), src.templates().size()))
                .collect(Collectors.joining("; "))).append(" |\n");
        md.append("| event kinds | ").append(r.loaded().kinds().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f%%", e.getKey(), 100.0 * e.getValue() / r.loaded().events())).collect(Collectors.joining(", "))).append(" |\n");
        if (r.counts() != null && r.counts().processed() > 0) {
            md.append("| dyad impulses (dyad-state updates) per event | ").append(String.format(Locale.ROOT, "%.2f", r.counts().impulses() / r.counts().processed()))
                    .append(" (the analyzer's own counter; a UN vote moves up to 105 dyads) |\n");
        }
        md.append("| ids and dates | every event is a real one with a fresh id (`<original id>:<sequence>`) and an event time on a monotonic clock from 2024-01-01, 30 s apart |\n");
        md.append("| broker | one in-JVM KRaft broker (`EmbeddedKafkaCluster`, combined mode) in the driver's JVM, replication 1 |\n");
        md.append("| `").append(Topics.EVENTS.name()).append("` | ").append(s.eventPartitions()).append(" partitions; producer: idempotent, acks=all, lz4 |\n");
        md.append("| processing guarantee | exactly_once_v2 for the analyzer, the alerter and the minimal app; consumers read_committed |\n");
        md.append("| commit interval, threads, caches | minimal app: Kafka Streams defaults (commit.interval.ms 100 under exactly-once, 1 stream thread, 10 MiB record cache); "
                + "analyzer and alerter: the same, except Triadwatch's own defaults (`StreamsRunner.TRIADWATCH_DEFAULTS`: ")
                .append(describe(io.triadwatch.streams.StreamsRunner.TRIADWATCH_DEFAULTS)).append(")")
                .append(s.streams().isEmpty() ? "" : "; this run's overrides (`--streams`): " + describe(s.streams())).append(" |\n");
        md.append("| Triadwatch started as | ").append(r.pipelineMode().equals("app")
                ? "`TriadwatchApp` with roles ANALYZER, ALERTER (the production wiring)"
                : "`AnalyzerService` + `AlerterService` with default configurations (the launcher did not run these roles yet)").append(" |\n");
        md.append("| Triadwatch time limit | ").append(s.timeoutSeconds()).append(" s |\n");
        md.append("| latency run | ").append(fmt(s.rate())).append(" events/s offered for ").append(s.latencySeconds()).append(" s, same mix, after the throughput phase; outputs awaited at most ").append(s.drainSeconds()).append(" s after the offering |\n\n");
    }

    private void throughput(StringBuilder md) {
        md.append("## Throughput: the same N events on the same broker\n\n");
        md.append("| pipeline | events/s (start → caught up) | steady events/s (first commit → caught up) | seconds | first commit after | CPU (cores busy) | peak heap | process RSS (VmRSS / VmHWM) |\n|---|---|---|---|---|---|---|---|\n");
        md.append("| raw consumer, read_committed, bytes only | ").append(fmt(r.raw().rate())).append(" | — | ").append(fmt1(r.raw().seconds())).append(" | — | ")
                .append(cores(r.rawStats())).append(" | ").append(r.rawStats().peakHeapMiB()).append(" MiB | ").append(rss(r.rawStats())).append(" |\n");
        md.append("| minimal Streams app: count by key, RocksDB, exactly_once_v2 | ").append(fmt(r.minimal().rate())).append(" | ").append(fmt(r.minimal().steadyRate()))
                .append(" | ").append(fmt1(r.minimal().seconds())).append(" | ").append(fmt1(r.minimal().firstCommit())).append(" s | ").append(cores(r.minimalStats()))
                .append(" | ").append(r.minimalStats().peakHeapMiB()).append(" MiB | ").append(rss(r.minimalStats())).append(" |\n");
        md.append("| Triadwatch analyzer: events → dyad and triad state | ").append(fmt(r.analyzer().rate())).append(" | ").append(fmt(r.analyzer().steadyRate()))
                .append(" | ").append(fmt1(r.analyzer().seconds())).append(r.analyzer().caughtUp() ? "" : " (time limit; " + fmt(r.analyzer().processed()) + " of " + fmt(r.analyzer().inputRecords()) + " processed)")
                .append(" | ").append(fmt1(r.analyzer().firstCommit())).append(" s | | | |\n");
        md.append("| **Triadwatch analyzer + alerter, end to end** | **").append(fmt(r.triadwatchRate())).append("** | ").append(fmt(r.triadwatchSteadyRate())).append(" | ")
                .append(fmt1(triadwatchSeconds())).append(r.triadwatchComplete() ? "" : " (not complete)").append(" | ").append(fmt1(r.analyzer().firstCommit())).append(" s | ")
                .append(cores(r.pipelineStats())).append(" | ").append(r.pipelineStats().peakHeapMiB()).append(" MiB | ").append(rss(r.pipelineStats())).append(" |\n\n");
        if (!r.triadwatchComplete()) {
            md.append("**Partial:** Triadwatch did not process the N events within the ").append(r.settings().timeoutSeconds())
                    .append(" s limit. The analyzer had processed ").append(fmt(r.analyzer().processed())).append(" of ").append(fmt(r.analyzer().inputRecords()))
                    .append(" input records").append(r.alerterLagAtLimit() >= 0 ? " and the alerter still had " + fmt(r.alerterLagAtLimit()) + " dyad/triad state records to process" : "")
                    .append(String.format(Locale.ROOT, "; the end-to-end figure counts the analyzer's events times the share of their states the alerter had processed (%.0f%%).%n%n",
                            100 * r.alerterShare()));
        }
        if (r.counts() != null) {
            RunResults.Counts c = r.counts();
            md.append("Analyzer and alerter counters over that phase: ").append(fmt(c.eventsIn())).append(" events read, ").append(fmt(c.processed())).append(" accepted, ")
                    .append(fmt(c.impulses())).append(" dyad impulses, dead letters ").append(c.dlq().isEmpty() ? "none" : c.dlq().entrySet().stream()
                            .map(e -> e.getKey() + " " + fmt(e.getValue())).collect(Collectors.joining(", ")))
                    .append("; alerts ").append(fmt(c.fired())).append(" FIRING and ").append(fmt(c.resolved())).append(" RESOLVED records.\n\n");
        }
    }

    private void latency(StringBuilder md) {
        if (r.latency() == null) {
            return;
        }
        md.append("## Latency at a fixed offered rate\n\n");
        md.append(r.backlogSkipped()
                ? "Before a latency run, any backlog of the previous phase is skipped (the apps' committed offsets moved to the end while they are stopped, their state kept, as `kafka-streams-application-reset --to-latest` would); Triadwatch is then restarted and caught up. "
                : "Triadwatch was restarted after the throughput phase and caught up. ");
        latencyRun(md, r.latency());
        if (r.latencySustainable() != null) {
            md.append("The pipeline could not keep up with that rate, so a second run offered ").append(fmt(r.latencySustainable().rate()))
                    .append(" events/s (" + fmt(100 * LoadDriver.SUSTAINABLE_SHARE) + "% of the analyzer's measured steady rate), to show the latency of a pipeline that keeps up. ");
            latencyRun(md, r.latencySustainable());
        }
        if (r.latencyCompared() != null) {
            md.append("Then the same rate once more, Triadwatch restarted with the compared Kafka Streams settings ")
                    .append(describe(r.settings().compareStreams()))
                    .append(" (`--compare-streams`: the settings before a change, measured under the same load as the settings above). ");
            latencyRun(md, r.latencyCompared());
        }
    }

    private void latencyRun(StringBuilder md, LatencyRun.Result l) {
        md.append(fmt(l.sent())).append(" events offered at ").append(fmt(l.rate())).append(" events/s over ").append(fmt1(l.sendSeconds())).append(" s; the analyzer's lag peaked at ")
                .append(fmt(l.maxLag())).append(" events and was ").append(fmt(l.lagAtEnd())).append(" when the offering ended (").append(l.keptUp() ? "kept up" : "**did not keep up**")
                .append(")").append(l.drained() ? "; both apps had caught up " + fmt1(l.drainSeconds()) + " s later.\n\n"
                        : "; **they had not caught up " + fmt1(l.drainSeconds()) + " s later**, so outputs of the last events were never measured and the percentiles below are lower bounds.\n\n");
        md.append("| latency at ").append(fmt(l.rate())).append(" events/s (ms) | n | p50 | p99 | max |\n|---|---|---|---|---|\n");
        row(md, "event → dyad state, stamped (`updatedAt − eventAppendedAt`)", l.stateStamped());
        row(md, "event → dyad state, visible to a read_committed consumer", l.stateVisible());
        row(md, "event → alert, stamped (`emittedAt − eventAppendedAt`)", l.alertStamped());
        row(md, "event → alert, visible to a read_committed consumer", l.alertVisible());
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, Percentiles p) {
        md.append("| ").append(name).append(" | ").append(fmt(p.count())).append(" | ").append(ms(p.percentile(50))).append(" | ")
                .append(ms(p.percentile(99))).append(" | ").append(ms(p.max())).append(" |\n");
    }

    private void demo(StringBuilder md) {
        md.append("## Demo readiness\n\n");
        if (r.demoCold() == null) {
            md.append("Not measured: ").append(r.demoNote()).append(".\n\n");
            return;
        }
        DemoReadiness.Result d = r.demo();
        DemoReadiness.Result cold = r.demoCold();
        md.append("`java -Xmx2g -jar services/launcher/target/triadwatch.jar demo --port 0 --kafka-port 0 --data-dir <fresh> --fresh`, each run in its own JVM, ")
                .append("as `./triadwatch demo` runs it: the first in a cold JVM listing the classes it loads (`-XX:DumpLoadedClassList`), ")
                .append("then a class-data archive written from that list (`-Xshare:dump`), then a second run from it (`-XX:SharedArchiveFile`):\n\n");
        md.append("| from starting the command to | from the archive, seconds | cold JVM, seconds |\n|---|---|---|\n");
        md.append("| \"Triadwatch is running\" printed | ").append(d == null ? "—" : secs(d.printedReady())).append(" | ").append(secs(cold.printedReady())).append(" |\n");
        md.append("| first dyad state readable | ").append(d == null ? "—" : secs(d.firstState())).append(" | ").append(secs(cold.firstState())).append(" |\n");
        md.append("| **first alert readable** | **").append(d == null ? "—" : secs(d.firstAlert())).append("** | ").append(secs(cold.firstAlert())).append(" |\n\n");
        DemoReadiness.Result shown = d != null ? d : cold;
        md.append("The demo process's peak RSS").append(d != null ? " (from the archive)" : " (cold JVM)").append(": ")
                .append(shown.peakRssMiB() < 0 ? "unknown" : shown.peakRssMiB() + " MiB").append(".")
                .append(shown.note().isEmpty() ? "" : " " + shown.note() + ".")
                .append(r.demoNote() == null ? "" : " " + r.demoNote() + ".").append("\n\n");
    }

    private void jmh(StringBuilder md) {
        md.append("## JMH: the hot pure code\n\n");
        if (r.jmh().isEmpty()) {
            md.append("Not run in this measurement (the driver was started without `--jmh-results`).\n\n");
            return;
        }
        JmhResults.Result any = r.jmh().get(0);
        md.append("One fork, ").append(any.iterations()).append(" measurement iterations of 1 s after 2 warm-up iterations of 1 s (each trial's setup already runs the measured code thousands of times), throughput mode; the error is JMH's 99.9% confidence half-width (wide with so few iterations, and wider when other work shares the cores).\n\n");
        md.append("| benchmark | what | ops/s | ± error | µs/op |\n|---|---|---|---|---|\n");
        for (JmhResults.Result j : r.jmh()) {
            md.append("| `").append(j.benchmark()).append("` | ").append(JMH_WHAT.getOrDefault(j.benchmark(), "")).append(" | ").append(fmt(j.score())).append(" | ")
                    .append(Double.isNaN(j.error()) ? "n/a" : fmt(j.error())).append(" | ").append(fmt2(j.microsPerOp())).append(" |\n");
        }
        md.append('\n');
    }

    private void cpu(StringBuilder md) {
        md.append("## CPU by thread group\n\n");
        md.append("Core-seconds used by each part of the one JVM (broker, apps, clients) per phase; ").append(r.machine().processors())
                .append(" cores give ").append(r.machine().processors()).append(" core-seconds per second.\n\n");
        List<String> groups = new ArrayList<>();
        for (RunResults.PhaseStats s : phases()) {
            if (s != null) {
                s.cpu().groups().keySet().forEach(g -> {
                    if (!groups.contains(g)) {
                        groups.add(g);
                    }
                });
            }
        }
        md.append("| thread group | raw consumer | minimal Streams app | Triadwatch throughput | latency run at ").append(fmt(r.settings().rate())).append("/s |\n|---|---|---|---|---|\n");
        for (String g : groups) {
            md.append("| ").append(g);
            for (RunResults.PhaseStats s : phases()) {
                md.append(" | ").append(s == null ? "" : fmt1(s.cpu().groups().getOrDefault(g, 0.0)));
            }
            md.append(" |\n");
        }
        md.append("| **process total (wall seconds)** ");
        for (RunResults.PhaseStats s : phases()) {
            md.append(" | ").append(s == null ? "" : "**" + fmt1(s.cpu().processCpu()) + "** (" + fmt1(s.cpu().wall()) + " s)");
        }
        md.append(" |\n\n");
        if (r.counts() != null && r.counts().processed() > 0) {
            double twCpu = r.pipelineStats().cpu().processCpu();
            double minCpu = r.minimalStats().cpu().processCpu();
            md.append(String.format(Locale.ROOT, "CPU per event: Triadwatch %.0f µs of process CPU per event it read (%s events; broker included), the minimal app %.0f µs.%n%n",
                    1e6 * twCpu / Math.max(1, r.counts().eventsIn()), fmt(r.counts().eventsIn()), 1e6 * minCpu / r.loaded().events()));
        }
    }

    private void streams(StringBuilder md) {
        Map<String, Map<String, Double>> stats = r.streamsStats();
        if (stats == null || stats.isEmpty()) {
            return;
        }
        md.append("## Kafka Streams' own metrics at the end of each phase\n\n");
        md.append("Thread ratios are Kafka's averages over the last ~30 s of the phase (the share of the stream thread's wall time spent processing, committing, polling); ")
                .append("commit latency is one exactly-once commit (flush, offsets, transaction commit); producer retries count record batches resent after an error.\n\n");
        md.append("| metric |");
        stats.keySet().forEach(app -> md.append(' ').append(app).append(" |"));
        md.append("\n|---|");
        stats.keySet().forEach(app -> md.append("---|"));
        md.append('\n');
        List<String> metrics = new ArrayList<>(StreamsStats.THREAD_METRICS);
        metrics.addAll(StreamsStats.PRODUCER_METRICS);
        for (String metric : metrics) {
            if (stats.values().stream().noneMatch(m -> m.containsKey(metric))) {
                continue;
            }
            md.append("| ").append(metric).append(" |");
            for (Map<String, Double> m : stats.values()) {
                Double v = m.get(metric);
                md.append(' ').append(v == null ? "" : metricValue(metric, v)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void topicBytes(StringBuilder md) {
        Map<String, Long> bytes = r.topicBytes();
        if (bytes == null || bytes.isEmpty()) {
            return;
        }
        long events = bytes.getOrDefault(Topics.EVENTS.name(), 0L);
        long triadwatch = bytes.entrySet().stream().filter(e -> e.getKey().startsWith("triadwatch") && !e.getKey().equals(Topics.EVENTS.name()))
                .mapToLong(Map.Entry::getValue).sum();
        long minimal = bytes.entrySet().stream().filter(e -> e.getKey().startsWith(MinimalStreamsApp.APPLICATION_ID_PREFIX) || e.getKey().equals(MinimalStreamsApp.OUTPUT))
                .mapToLong(Map.Entry::getValue).sum();
        md.append("## What the apps made the broker write\n\n");
        double processed = r.counts() == null || r.counts().processed() <= 0 ? r.loaded().events() : r.counts().eventsIn();
        md.append(String.format(Locale.ROOT, "Bytes the broker holds per topic at the end of the Triadwatch throughput phase (log directories; compacted topics may already have shrunk). "
                + "The events topic holds %s MB for %s events (%.0f bytes per event, lz4-compressed by the loader). Everything Triadwatch wrote from the %s events it read — "
                + "outputs, changelogs, repartition topics, uncompressed JSON — is %s MB, **%.0f bytes per event**; the minimal app wrote %s MB for all %s events (%.0f bytes per event).%n%n",
                fmt1(events / 1e6), fmt(r.loaded().events()), (double) events / r.loaded().events(), fmt(processed), fmt1(triadwatch / 1e6), triadwatch / Math.max(1, processed),
                fmt1(minimal / 1e6), fmt(r.loaded().events()), (double) minimal / r.loaded().events()));
        md.append("| topic | MB |\n|---|---|\n");
        bytes.entrySet().stream().limit(14).forEach(e -> md.append("| `").append(e.getKey()).append("` | ").append(fmt1(e.getValue() / 1e6)).append(" |\n"));
        md.append('\n');
    }

    private void logs(StringBuilder md) {
        Map<String, Map<String, Long>> logs = r.logs();
        if (logs == null || logs.values().stream().allMatch(Map::isEmpty)) {
            return;
        }
        md.append("## Warnings and errors logged per phase\n\n");
        md.append("WARN and ERROR events of the whole JVM (broker, clients, apps), by logger and exception or error code; at most 8 kinds per phase.\n\n");
        md.append("| phase | kind | events |\n|---|---|---|\n");
        logs.forEach((phase, kinds) -> kinds.entrySet().stream().limit(8)
                .forEach(e -> md.append("| ").append(phase).append(" | `").append(e.getKey().replace("|", "/")).append("` | ").append(fmt(e.getValue())).append(" |\n")));
        md.append('\n');
    }

    private static String metricValue(String metric, double v) {
        if (metric.endsWith("-ratio")) {
            return pct(100 * v);
        }
        if (metric.endsWith("-ns-total")) {
            return fmt1(v / 1e9) + " s";
        }
        if (metric.contains("latency")) {
            return fmt1(v) + " ms";
        }
        return v >= 100 ? fmt(v) : fmt2(v);
    }

    private List<RunResults.PhaseStats> phases() {
        List<RunResults.PhaseStats> list = new ArrayList<>();
        list.add(r.rawStats());
        list.add(r.minimalStats());
        list.add(r.pipelineStats());
        list.add(r.latencyStats());
        return list;
    }

    private void profile(StringBuilder md) {
        profile(md, r.profile(), "## Profile of the Triadwatch throughput phase (JFR)");
        profile(md, r.profileSustainable(), "## Profile of the latency run at a sustainable rate (JFR)");
    }

    private void profile(StringBuilder md, CpuProfile.Summary p, String title) {
        if (p == null) {
            return;
        }
        md.append(title).append("\n\n");
        md.append(fmt(p.samples())).append(" CPU samples (Java and native, threads waiting in I/O left out), attributed to the nearest library on each stack. Share of all samples:\n\n");
        md.append("| thread group | category | share |\n|---|---|---|\n");
        for (Map.Entry<String, Map<String, Double>> g : p.byGroup().entrySet()) {
            double total = g.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (total < 0.5) {
                continue;
            }
            md.append("| **").append(g.getKey()).append("** | all | **").append(pct(total)).append("** |\n");
            g.getValue().entrySet().stream().filter(e -> e.getValue() >= 0.5).limit(8)
                    .forEach(e -> md.append("| | ").append(e.getKey()).append(" | ").append(pct(e.getValue())).append(" |\n"));
        }
        md.append("\nHottest methods (self time, share of Java samples):\n\n| method | share |\n|---|---|\n");
        p.hotMethods().forEach((m, v) -> md.append("| `").append(m).append("` | ").append(pct(v)).append(" |\n"));
        md.append("\nThe recording itself is `").append(p.file().getFileName()).append("` in the run's work directory (`jfr print` or JDK Mission Control open it).\n\n");
    }

    private static final Map<String, String> JMH_WHAT = Map.of(
            "ParseValidateBenchmark.decode", "parse + validate one event of the mix: `Codecs.events().decode(bytes)`",
            "ParseValidateBenchmark.parseJson", "its step 1: JSON bytes → tree (Jackson)",
            "ParseValidateBenchmark.validateSchema", "its step 2: JSON Schema 2020-12 validation of the tree",
            "ParseValidateBenchmark.bindRecord", "its step 3: tree → event record (constructor checks)",
            "ImpulsesBenchmark.score", "compute one event's impulses (`Impulses.score`, default table, officials registry in RocksDB)",
            "DyadUpdateBenchmark.apply", "update a dyad state: one impulse through `DyadProcessor` on RocksDB stores with the production serdes",
            "TriadUpdateBenchmark.process", "update a triad state: one dyad move through `TriadProcessor` on a RocksDB store",
            "TriadUpdateBenchmark.state", "the triad arithmetic alone (`TriadMath.state`, pure)");

    private static final String METHOD = """
            - **One JVM, one broker, one run.** The driver starts an in-JVM KRaft broker, creates the topics, publishes the demo's officials, triads and the default alert rules, writes the N events once, and then runs each consumer of them in turn on the same broker and data: the raw consumer, the minimal Streams app, Triadwatch. Every figure on this page comes from that one run (the demo readiness is a separate process started afterwards; JMH runs before, in its own forks).
            - **Caught up** means exactly what the launcher's replay means by it (`CatchUp`): the application's committed offsets reached the read_committed end of every input partition — for Triadwatch also of the analyzer's and alerter's own repartition topics, repeated until no end offset moved, so every stage has processed everything. Triadwatch is caught up when the alerter is.
            - **events/s** = N ÷ (start of the app → caught up), so start-up, partition assignment and state-store creation are included; **steady** excludes the time before the app's first commit.
            - **Latency**: events are offered on a fixed schedule with the record timestamp set to the scheduled time (a sender that falls behind cannot hide delay). The analyzer copies the event's timestamp into `eventAppendedAt` of each dyad state and the alerter into each alert; *stamped* latency subtracts it from the output's `updatedAt`/`emittedAt`, *visible* latency from the moment a read_committed consumer received the output (it includes the exactly-once commit that makes the output readable).
            - **Memory**: VmHWM/VmRSS of the whole driver process (broker included) from `/proc/self/status`; peak heap is the sum of the heap pools' peaks in the phase.
            - **CPU by thread group**: `ThreadMXBean` CPU time per live thread, grouped by thread name; GC, JIT and threads that ended are the remainder of the process CPU time.
            - The mix and its weights are in `EventMix`; the events are real (demo timeline; GDELT, ICEWS and UN Security Council rows through the project's adapters), only ids and dates are new.
            """;

    private static String ratio(double a, double b) {
        return b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private static String cores(RunResults.PhaseStats s) {
        return String.format(Locale.ROOT, "%.2f", s.cpu().cores());
    }

    private static String rss(RunResults.PhaseStats s) {
        return s.rssMiB() + " / " + s.peakRssMiB() + " MiB";
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String fmt1(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String ms(long v) {
        return v < 0 ? "n/a" : v + " ms";
    }

    static String secs(double v) {
        return v < 0 ? "not reached" : String.format(Locale.ROOT, "%.1f s", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String describe(java.util.Map<String, ?> settings) {
        return new java.util.TreeMap<>(settings).entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
