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
 * {@link org.apache.kafka.streams.KafkaStreams#queryMetadataForKey}); lists gather every
 * instance's part. While ownership is unknown (a rebalance, or before start) the answer is 503 with
 * {@code Retry-After}. Unknown dyad or triad: 404. Malformed actor or parameter: 400. Errors are
 * {@link ApiError} bodies, thrown as {@link HttpProblem} for the server to render.
 */
public final class AnalyzerQueries implements HttpRoutes {
    /** Marks a request forwarded by another instance: it is answered locally or refused, never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Triadwatch-Forwarded";
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
        if (forwarded(ctx, AnalyzerStores.DYAD_STATE, dyad.id())) {
            return;
        }
        Instant at = readingTime(ctx);
        DyadAggregate aggregate = this.<DyadAggregate>store(AnalyzerStores.DYAD_STATE).get(dyad.id());
        if (aggregate == null) {
            throw HttpProblem.notFound("no state for dyad " + dyad.id() + ": no event has moved it");
        }
        ctx.json(readings.read(aggregate.state(), at));
    }

    private void history(Context ctx) {
        Dyad dyad = dyadOf(ctx);
        Instant from = time(ctx, "from");
        Instant to = time(ctx, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw HttpProblem.badRequest("invalid_parameter", "from", "'from' " + from + " is after 'to' " + to);
        }
        if (forwarded(ctx, AnalyzerStores.DYAD_STATE, dyad.id())) {
            return;
        }
        if (this.<DyadAggregate>store(AnalyzerStores.DYAD_STATE).get(dyad.id()) == null) {
            throw HttpProblem.notFound("no state for dyad " + dyad.id() + ": no event has moved it");
        }
        List<HistoryPoint> points = new ArrayList<>();
        try (KeyValueIterator<String, HistoryPoint> it = this.<HistoryPoint>store(AnalyzerStores.DYAD_HISTORY)
                .range(HistoryKeys.from(dyad.id(), from), HistoryKeys.to(dyad.id(), to))) {
            it.forEachRemaining(kv -> points.add(kv.value));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dyad", dyad.id());
        body.put("from", from);
        body.put("to", to);
        body.put("points", points);
        ctx.json(body);
    }

    private void triad(Context ctx) {
        String id;
        try {
            id = String.join("-", TriadDefinitions.parse(ctx.pathParam("id")));
        } catch (InvalidFieldException e) {
            throw HttpProblem.badRequest(e.reason() == RejectReason.UNKNOWN_ACTOR ? "invalid_actor" : "invalid_triad", "id", e.getMessage());
        }
        if (forwarded(ctx, AnalyzerStores.TRIAD_STATE, id)) {
            return;
        }
        TriadAggregate aggregate = this.<TriadAggregate>store(AnalyzerStores.TRIAD_STATE).get(id);
        if (aggregate == null || aggregate.definition() == null || aggregate.state() == null) {
            throw HttpProblem.notFound("triad " + id + " is not watched (add it to the triads topic)");
        }
        ctx.json(aggregate.state());
    }

    /**
     * @param at the reading time every instance's part is read at (sent along to the others), or
     *           null for lists that are not read as of a time
     */
    private <A> void list(Context ctx, String storeName, Function<A, Object> view, String idField, Instant at) {
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<JsonNode> items = new ArrayList<>();
        try (KeyValueIterator<String, A> it = this.<A>store(storeName).all()) {
            while (it.hasNext()) {
                KeyValue<String, A> kv = it.next();
                Object value = view.apply(kv.value);
                if (value != null) {
                    items.add(mapper.valueToTree(value));
                }
            }
        }
        if (LOCAL_SCOPE.equals(ctx.queryParam("scope"))) {
            ctx.json(Map.of("items", items));
            return;
        }
        for (HostInfo other : state.others(storeName)) {
            JsonNode remote = fetch(other, ctx.path() + "?scope=" + LOCAL_SCOPE + (at == null ? "" : "&at=" + at));
            remote.path("items").forEach(items::add);
        }
        items.sort(Comparator.comparing(node -> node.path(idField).asText()));
        int total = items.size();
        List<JsonNode> page = offset >= total ? List.of() : items.subList(offset, Math.min(total, offset + limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("total", total);
        body.put("offset", offset);
        body.put("limit", limit);
        ctx.json(body);
    }

    /** Forwards the request when another instance owns {@code key}; refuses when nobody can answer. */
    private boolean forwarded(Context ctx, String storeName, String key) {
        StateAccess.Owner owner = state.owner(storeName, key);
        if (owner.isUnavailable()) {
            throw HttpProblem.unavailable("the analyzer is rebalancing or starting: the owner of " + key + " is not known yet", RETRY_AFTER_SECONDS);
        }
        if (owner.isLocal()) {
            return false;
        }
        if (ctx.header(FORWARDED_HEADER) != null) {
            throw HttpProblem.unavailable("ownership of " + key + " is moving between instances", RETRY_AFTER_SECONDS);
        }
        String query = ctx.queryString();
        HttpResponse<byte[]> response = send(owner.host(), ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        response.headers().firstValue("Retry-After").ifPresent(v -> ctx.header("Retry-After", v));
        ctx.result(response.body());
        return true;
    }

    private JsonNode fetch(HostInfo host, String pathAndQuery) {
        HttpResponse<byte[]> response = send(host, pathAndQuery);
        if (response.statusCode() != 200) {
            throw HttpProblem.unavailable("instance " + host.host() + ":" + host.port() + " answered " + response.statusCode() + " for its part of the list", RETRY_AFTER_SECONDS);
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw HttpProblem.unavailable("instance " + host.host() + ":" + host.port() + " sent an unreadable list: " + e.getMessage(), RETRY_AFTER_SECONDS);
        }
    }

    private HttpResponse<byte[]> send(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .header(FORWARDED_HEADER, "1")
                .timeout(FORWARD_TIMEOUT)
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw HttpProblem.unavailable("instance " + host.host() + ":" + host.port() + " did not answer: " + e.getMessage(), RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.unavailable("interrupted while asking " + host.host() + ":" + host.port(), RETRY_AFTER_SECONDS);
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
