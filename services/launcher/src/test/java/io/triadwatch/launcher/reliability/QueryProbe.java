package io.triadwatch.launcher.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Asks instances, in turn and without pause, for the dyad list and for one dyad after another (as
 * of one fixed time), and keeps every answer with the time it came, so a test can say how queries
 * fared while an instance died and another joined.
 */
final class QueryProbe implements AutoCloseable {
    /** What was asked. */
    enum Kind { LIST, DYAD }

    /**
     * One answer.
     *
     * @param atMs     when it came, ms since the probe started
     * @param status   the HTTP status, -1 when none came
     * @param stale    the body said {@code "stale": true}
     * @param missing  how many partitions a list said were missing
     * @param failure  why no answer came, or the error body of a non-200, else null
     */
    record Sample(long atMs, String address, Kind kind, int status, boolean stale, int missing, String failure) {
        /** @return whether this is an error: neither 200 nor a 404 for a dyad no event has moved yet */
        boolean error() {
            return status != 200 && !(kind == Kind.DYAD && status == 404);
        }
    }

    private final List<String> addresses;
    private final List<String> dyads;
    private final String at;
    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param addresses the instances to ask
     * @param dyads     the dyad ids ({@code CHN-USA}) asked one after another
     * @param at        the fixed reading time, ISO instant
     */
    QueryProbe(List<String> addresses, List<String> dyads, String at) {
        this.addresses = List.copyOf(addresses);
        this.dyads = List.copyOf(dyads);
        this.at = at;
        this.thread = new Thread(this::run, "query-probe");
        this.thread.setDaemon(true);
    }

    QueryProbe start() {
        thread.start();
        return this;
    }

    /** @return ms since the probe started */
    long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void run() {
        for (long round = 0; !stopping; round++) {
            String address = addresses.get((int) (round % addresses.size()));
            record(address, Kind.LIST, Http.get(address, "/api/dyads?limit=1000&at=" + at));
            String dyad = dyads.get((int) (round % dyads.size()));
            record(address, Kind.DYAD, Http.get(address, "/api/dyads/" + dyad.replace('-', '/') + "?at=" + at));
        }
    }

    private void record(String address, Kind kind, Http.Answer answer) {
        String failure = answer.failure() != null ? answer.failure() : answer.ok() ? null : answer.body().toString();
        samples.add(new Sample(nowMs(), address, kind, answer.status(), answer.body().path("stale").asBoolean(false),
                answer.body().path("missingPartitions").size(), failure));
    }

    /** @return every answer so far */
    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /**
     * @param fromMs the window's start, ms since the probe started
     * @return the answers of one kind from then on
     */
    List<Sample> since(Kind kind, long fromMs) {
        return samples.stream().filter(s -> s.kind() == kind && s.atMs() >= fromMs).toList();
    }

    /**
     * @return a one-line summary of the answers from {@code fromMs} until before {@code toMs}: counts
     *         by kind, stale, missing partitions, errors and the span from the first to the last error
     */
    String summary(long fromMs, long toMs) {
        StringBuilder text = new StringBuilder();
        for (Kind kind : Kind.values()) {
            List<Sample> window = since(kind, fromMs).stream().filter(s -> s.atMs() < toMs).toList();
            List<Sample> errors = window.stream().filter(Sample::error).toList();
            text.append(kind).append(": ").append(window.size()).append(" answers, ")
                    .append(window.stream().filter(s -> s.status() == 200).count()).append(" x 200 (")
                    .append(window.stream().filter(Sample::stale).count()).append(" stale, ")
                    .append(window.stream().filter(s -> s.missing() > 0).count()).append(" with missing partitions), ")
                    .append(errors.size()).append(" errors");
            if (!errors.isEmpty()) {
                text.append(" over ").append(errors.get(errors.size() - 1).atMs() - errors.get(0).atMs()).append(" ms, first: ")
                        .append(errors.get(0).status()).append(' ').append(errors.get(0).failure());
            }
            text.append("; ");
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join();
    }
}
