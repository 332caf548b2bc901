package io.triadwatch.analyzer.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.dyad.DyadAggregate;
import io.triadwatch.analyzer.dyad.DyadReadings;
import io.triadwatch.analyzer.dyad.HistoryKeys;
import io.triadwatch.analyzer.dyad.HistoryPoint;
import io.triadwatch.analyzer.triad.TriadAggregate;
import io.triadwatch.analyzer.triad.TriadDefinitions;
import io.triadwatch.http.ApiError;
import io.triadwatch.http.HttpProblem;
import io.triadwatch.http.HttpRoutes;
import io.triadwatch.model.Actors;
import io.triadwatch.model.Dyad;
import io.triadwatch.model.InvalidFieldException;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The analyzer's HTTP queries, answered by whichever instance is asked:
 * <ul>
 *   <li>{@code GET /api/dyads?limit=&offset=&at=} – every dyad's state, sorted by dyad id, paged
 *       ({@code limit} 1..1000, default 100), every score as of one time: {@code at}, else the
 *       request's time ({@link DyadReadings})</li>
 *   <li>{@code GET /api/dyads/{a}/{b}?at=} – one dyad's state, actors in either order, as of {@code at} or now</li>
 *   <li>{@code GET /api/dyads/{a}/{b}/history?from=&to=} – its history points in event time
 *       ({@code from}/{@code to}: ISO dates or instants, inclusive, optional)</li>
 *   <li>{@code GET /api/triads} – every watched triad's state</li>
 *   <li>{@code GET /api/triads/{id}} – one triad's state, id {@code CHN-PRK-RUS} in any order</li>
 * </ul>
 * A key owned by another instance is forwarded to it (the owner from
 * {@link org.apache.kafka.streams.KafkaStreams#queryMetadataForKey}). When the owner cannot answer
 * (it died, a rebalance is moving the key, its copy is restoring) the key is answered from a stale
 * copy instead, this instance's standby or restoring one or a standby host's: the body then carries
 * {@code "stale": true} and {@code "lag"} (changelog records behind, -1 unknown). Only when no copy
 * can be read is the answer 503 with {@code Retry-After}, its message naming each instance tried and
 * why it failed. Lists gather every instance's partitions, taking the freshest copy of each; a list
 * missing partitions still answers 200, with {@code "missingPartitions"} and the {@code "unavailable"}
 * instances and reasons. Unknown dyad or triad: 404. Malformed actor or parameter: 400. Errors are
 * {@link ApiError} bodies, thrown as {@link HttpProblem} for the server to render.
 */
public final class AnalyzerQueries implements HttpRoutes {
    /** Marks a request forwarded by another instance: it is answered locally or refused, never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Triadwatch-Forwarded";
    /** On a forwarded request: a stale copy may answer (the owner could not). */
    public static final String STALE_OK_HEADER = "X-Triadwatch-Stale-Ok";
    /** Lists without {@code limit} return this many items. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 1000;
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);
    private static final String LOCAL_SCOPE = "local";

    private final StateAccess state;
    private final DyadReadings readings;
    private final HttpClient http;
    private final ObjectMapper mapper = Json.mapper();

    /** @param state where the state lives; dyads read by the default model, as of the wall clock */
    public AnalyzerQueries(StateAccess state) {
        this(state, DyadReadings.of(AnalyzerConfig.defaults(), Clock.systemUTC()));
    }

    /**
     * @param state    where the state lives
     * @param readings how dyads are read as of one time (the analyzer's model and half-life)
     */
    public AnalyzerQueries(StateAccess state, DyadReadings readings) {
        this(state, readings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** @param http the client used to forward to other instances */
    public AnalyzerQueries(StateAccess state, DyadReadings readings, HttpClient http) {
        this.state = state;
        this.readings = readings;
        this.http = http;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/api/dyads", this::dyads);
        config.routes.get("/api/dyads/{a}/{b}", this::dyad);
        config.routes.get("/api/dyads/{a}/{b}/history", this::history);
        config.routes.get("/api/triads", this::triads);
        config.routes.get("/api/triads/{id}", this::triad);
    }

    private void dyads(Context ctx) {
        Instant at = readingTime(ctx);
        list(ctx, AnalyzerStores.DYAD_STATE, (DyadAggregate a) -> readings.read(a.state(), at), "dyad", at);
    }

    private void triads(Context ctx) {
        list(ctx, AnalyzerStores.TRIAD_STATE, (TriadAggregate a) -> a.definition() == null ? null : a.state(), "triad", null);
    }

    private void dyad(Context ctx) {
        Dyad dyad = dyadOf(ctx);
        Source source = source(ctx, AnalyzerStores.DYAD_STATE, dyad.id());
        if (source == null) {
            return;
        }
        Instant at = readingTime(ctx);
        DyadAggregate aggregate = source.<DyadAggregate>store(AnalyzerStores.DYAD_STATE).get(dyad.id());
        if (aggregate == null) {
            throw HttpProblem.notFound("no state for dyad " + dyad.id() + ": no event has moved it");
        }
        ctx.json(source.flag(readings.read(aggregate.state(), at)));
    }

    private void history(Context ctx) {
        Dyad dyad = dyadOf(ctx);
        Instant from = time(ctx, "from");
        Instant to = time(ctx, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw HttpProblem.badRequest("invalid_parameter", "from", "'from' " + from + " is after 'to' " + to);
        }
        Source source = source(ctx, AnalyzerStores.DYAD_STATE, dyad.id());
        if (source == null) {
            return;
        }
        if (source.<DyadAggregate>store(AnalyzerStores.DYAD_STATE).get(dyad.id()) == null) {
            throw HttpProblem.notFound("no state for dyad " + dyad.id() + ": no event has moved it");
        }
        List<HistoryPoint> points = new ArrayList<>();
        try (KeyValueIterator<String, HistoryPoint> it = source.<HistoryPoint>store(AnalyzerStores.DYAD_HISTORY)
                .range(HistoryKeys.from(dyad.id(), from), HistoryKeys.to(dyad.id(), to))) {
            it.forEachRemaining(kv -> points.add(kv.value));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dyad", dyad.id());
        body.put("from", from);
        body.put("to", to);
        body.put("points", points);
        ctx.json(source.flag(mapper.valueToTree(body)));
    }

    private void triad(Context ctx) {
        String id;
        try {
            id = String.join("-", TriadDefinitions.parse(ctx.pathParam("id")));
        } catch (InvalidFieldException e) {
            throw HttpProblem.badRequest(e.reason() == RejectReason.UNKNOWN_ACTOR ? "invalid_actor" : "invalid_triad", "id", e.getMessage());
        }
        Source source = source(ctx, AnalyzerStores.TRIAD_STATE, id);
        if (source == null) {
            return;
        }
        TriadAggregate aggregate = source.<TriadAggregate>store(AnalyzerStores.TRIAD_STATE).get(id);
        if (aggregate == null || aggregate.definition() == null || aggregate.state() == null) {
            throw HttpProblem.notFound("triad " + id + " is not watched (add it to the triads topic)");
        }
        ctx.json(source.flag(mapper.valueToTree(aggregate.state())));
    }

    /**
     * @param at the reading time every instance's part is read at (sent along to the others), or
     *           null for lists that are not read as of a time
     */
    private <A> void list(Context ctx, String storeName, Function<A, Object> view, String idField, Instant at) {
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<PartView> parts = new ArrayList<>();
        for (StateAccess.Part<A> part : this.<A>localParts(storeName)) {
            List<JsonNode> items = new ArrayList<>();
            try (KeyValueIterator<String, A> it = part.store().all()) {
                while (it.hasNext()) {
                    KeyValue<String, A> kv = it.next();
                    Object value = view.apply(kv.value);
                    if (value != null) {
                        items.add(mapper.valueToTree(value));
                    }
                }
            } catch (InvalidStateStoreException e) {
                continue; // the copy went away while read (a rebalance): another instance or the next request has it
            }
            parts.add(new PartView(part.partition(), part.stale(), part.lag(), items));
        }
        if (LOCAL_SCOPE.equals(ctx.queryParam("scope"))) {
            ctx.json(Map.of("parts", parts));
            return;
        }
        List<Map<String, String>> unavailable = new ArrayList<>();
        for (HostInfo other : state.others(storeName)) {
            try {
                parts.addAll(remoteParts(other, ctx.path() + "?scope=" + LOCAL_SCOPE + (at == null ? "" : "&at=" + at)));
            } catch (Unanswered e) {
                unavailable.add(Map.of("instance", e.instance, "reason", e.reason));
            }
        }
        if (parts.isEmpty()) {
            throw HttpProblem.unavailable("no instance could list " + idField + "s now: " + state.self() + " holds no readable partition"
                    + (unavailable.isEmpty() ? "" : "; " + describe(unavailable)), RETRY_AFTER_SECONDS);
        }
        // The freshest copy of each partition: a running active one, else the standby or restoring one with the least lag.
        parts.sort(Comparator.comparing(PartView::stale).thenComparingLong(p -> p.lag() < 0 ? Long.MAX_VALUE : p.lag()));
        Map<Integer, PartView> chosen = new java.util.TreeMap<>();
        Map<String, JsonNode> byId = new java.util.TreeMap<>();
        boolean stale = false;
        long lag = 0;
        for (PartView part : parts) {
            if (part.partition() >= 0 && chosen.putIfAbsent(part.partition(), part) != null) {
                continue;
            }
            for (JsonNode item : part.items()) {
                byId.putIfAbsent(item.path(idField).asText(), item);
            }
            if (part.stale()) {
                stale = true;
                lag = part.lag() < 0 || lag < 0 ? -1 : Math.max(lag, part.lag());
            }
        }
        List<JsonNode> items = new ArrayList<>(byId.values());
        int total = items.size();
        List<JsonNode> page = offset >= total ? List.of() : items.subList(offset, Math.min(total, offset + limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("total", total);
        body.put("offset", offset);
        body.put("limit", limit);
        if (stale) {
            body.put("stale", true);
            body.put("lag", lag);
        }
        List<Integer> missing = missing(storeName, chosen.keySet());
        if (!missing.isEmpty()) {
            body.put("missingPartitions", missing);
        }
        if (!unavailable.isEmpty()) {
            body.put("unavailable", unavailable);
        }
        ctx.json(body);
    }

    private <A> List<StateAccess.Part<A>> localParts(String storeName) {
        try {
            return state.parts(storeName);
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
    }

    private List<Integer> missing(String storeName, java.util.Set<Integer> covered) {
        List<Integer> missing = new ArrayList<>();
        for (int p = 0; p < state.partitions(storeName); p++) {
            if (!covered.contains(p)) {
                missing.add(p);
            }
        }
        return missing;
    }

    /** One partition's items as one instance read them ({@code partition} -1: everything an instance of an older build held). */
    private record PartView(int partition, boolean stale, long lag, List<JsonNode> items) {
    }

    private List<PartView> remoteParts(HostInfo host, String pathAndQuery) throws Unanswered {
        HttpResponse<byte[]> response = send(host, pathAndQuery, false);
        String instance = host.host() + ":" + host.port();
        if (response.statusCode() != 200) {
            throw new Unanswered(instance, "answered " + response.statusCode() + " for its part of the list");
        }
        JsonNode body;
        try {
            body = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new Unanswered(instance, "sent an unreadable list: " + describe(e));
        }
        List<PartView> parts = new ArrayList<>();
        if (body.has("parts")) {
            for (JsonNode part : body.path("parts")) {
                List<JsonNode> items = new ArrayList<>();
                part.path("items").forEach(items::add);
                parts.add(new PartView(part.path("partition").asInt(-1), part.path("stale").asBoolean(), part.path("lag").asLong(), items));
            }
        } else {
            List<JsonNode> items = new ArrayList<>();
            body.path("items").forEach(items::add);
            parts.add(new PartView(-1, false, 0, items));
        }
        return parts;
    }

    /**
     * Where a key is answered from: this instance's fresh copy, or a stale one; null when the
     * request was answered by another instance (its response is already relayed).
     *
     * @throws HttpProblem 503 naming every instance tried and why, when no copy can be read
     */
    private Source source(Context ctx, String storeName, String key) {
        StateAccess.Owner owner = state.owner(storeName, key);
        boolean forwardedHere = ctx.header(FORWARDED_HEADER) != null;
        boolean staleOk = !forwardedHere || ctx.header(STALE_OK_HEADER) != null;
        int partition = owner.partition();
        List<String> failures = new ArrayList<>();
        if (owner.isLocal()) {
            if (partition < 0) {
                return new Source(-1, false, 0);
            }
            StateAccess.Part<Object> part = part(storeName, partition);
            if (part != null && (!part.stale() || staleOk)) {
                return new Source(partition, part.stale(), part.lag());
            }
            failures.add(state.self() + " owns it but " + (part == null ? "cannot read its copy" : "its copy is still restoring"));
        } else if (owner.isUnavailable()) {
            failures.add(owner.reason() != null ? owner.reason() : "the owner of " + key + " is not known yet");
        } else if (forwardedHere) {
            failures.add(state.self() + " does not own it (ownership is moving between instances)");
        } else {
            Unanswered failed = relay(ctx, owner.host(), false);
            if (failed == null) {
                return null;
            }
            failures.add(failed.instance + " " + failed.reason);
        }
        if (staleOk && partition >= 0) {
            StateAccess.Part<Object> part = part(storeName, partition);
            if (part != null) {
                return new Source(partition, part.stale(), part.lag());
            }
            if (!forwardedHere) {
                for (HostInfo standby : owner.standbys()) {
                    if (standby.equals(owner.host()) || (state.self().equals(standby.host() + ":" + standby.port()))) {
                        continue;
                    }
                    Unanswered failed = relay(ctx, standby, true);
                    if (failed == null) {
                        return null;
                    }
                    failures.add("standby " + failed.instance + " " + failed.reason);
                }
            }
        }
        throw HttpProblem.unavailable("no instance could answer for " + key + (partition >= 0 ? " (partition " + partition + ")" : "")
                + ": " + String.join("; ", failures), RETRY_AFTER_SECONDS);
    }

    private <V> StateAccess.Part<V> part(String storeName, int partition) {
        try {
            return state.part(storeName, partition);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    /**
     * Forwards the request to {@code host} and relays its answer, unless it failed or answered 5xx.
     *
     * @return null when relayed, else what went wrong
     */
    private Unanswered relay(Context ctx, HostInfo host, boolean staleOk) {
        String query = ctx.queryString();
        HttpResponse<byte[]> response;
        try {
            response = send(host, ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query), staleOk);
        } catch (Unanswered e) {
            return e;
        }
        if (response.statusCode() >= 500) {
            String message = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                message = mapper.readTree(response.body()).path("message").asText(message);
            } catch (IOException e) {
                // not JSON: keep the raw text
            }
            return new Unanswered(host.host() + ":" + host.port(), "answered " + response.statusCode() + " (" + message + ")");
        }
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        response.headers().firstValue("Retry-After").ifPresent(v -> ctx.header("Retry-After", v));
        ctx.result(response.body());
        return null;
    }

    private HttpResponse<byte[]> send(HostInfo host, String pathAndQuery, boolean staleOk) throws Unanswered {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .header(FORWARDED_HEADER, "1")
                .timeout(FORWARD_TIMEOUT)
                .GET();
        if (staleOk) {
            request.header(STALE_OK_HEADER, "1");
        }
        String instance = host.host() + ":" + host.port();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unanswered(instance, "did not answer: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered(instance, "was not asked: interrupted");
        }
    }

    /** @return the exception's type and message, and its causes': a connection refused has no message of its own */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    private static String describe(List<Map<String, String>> unavailable) {
        List<String> parts = new ArrayList<>();
        unavailable.forEach(u -> parts.add(u.get("instance") + " " + u.get("reason")));
        return String.join("; ", parts);
    }

    /** An instance that could not answer, and why. */
    private static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;
        final String instance;
        final String reason;

        Unanswered(String instance, String reason) {
            super(instance + " " + reason, null, false, false);
            this.instance = instance;
            this.reason = reason;
        }
    }

    /** This instance's copy a key is answered from: fresh (every store, active) or one partition, possibly stale. */
    private final class Source {
        private final int partition;
        private final boolean stale;
        private final long lag;

        Source(int partition, boolean stale, long lag) {
            this.partition = partition;
            this.stale = stale;
            this.lag = lag;
        }

        <V> ReadOnlyKeyValueStore<String, V> store(String name) {
            if (partition < 0) {
                return AnalyzerQueries.this.store(name);
            }
            StateAccess.Part<V> part = part(name, partition);
            if (part == null) {
                throw HttpProblem.unavailable("store " + name + " partition " + partition + " cannot be queried on " + state.self() + " now",
                        RETRY_AFTER_SECONDS);
            }
            return part.store();
        }

        /** @return the body, with {@code "stale": true} and {@code "lag"} when read from a stale copy */
        JsonNode flag(JsonNode body) {
            if (stale && body instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                object.put("stale", true);
                object.put("lag", lag);
            }
            return body;
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return state.local(name);
        } catch (InvalidStateStoreException e) {
            throw HttpProblem.unavailable("store " + name + " cannot be queried now: " + e.getMessage(), RETRY_AFTER_SECONDS);
        }
    }

    private static Dyad dyadOf(Context ctx) {
        String a = actor(ctx, "a");
        String b = actor(ctx, "b");
        if (a.equals(b)) {
            throw HttpProblem.badRequest("invalid_dyad", "b", "a dyad needs two distinct actors, got " + a + " twice");
        }
        return Dyad.of(a, b);
    }

    private static String actor(Context ctx, String param) {
        try {
            return Actors.require(ctx.pathParam(param), param);
        } catch (InvalidFieldException e) {
            throw HttpProblem.badRequest("invalid_actor", param, e.getMessage());
        }
    }

    /** The reading time: {@code ?at=} (an ISO date or instant), else the request's time, the same for every dyad of the answer. */
    private Instant readingTime(Context ctx) {
        Instant at = time(ctx, "at");
        return at != null ? at : readings.now();
    }

    private static Instant time(Context ctx, String param) {
        String value = ctx.queryParam(param);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Json.parse(value);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest("invalid_parameter", param, "'" + value + "' is not an ISO date (2023-07-27) or UTC instant (2023-07-27T10:00:00Z)");
        }
    }

    private static int intParam(Context ctx, String param, int fallback, int min, int max) {
        String value = ctx.queryParam(param);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw HttpProblem.badRequest("invalid_parameter", param, param + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("invalid_parameter", param, param + " must be an integer, got '" + value + "'");
        }
    }
}
