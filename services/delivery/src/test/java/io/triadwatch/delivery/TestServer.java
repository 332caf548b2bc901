package io.triadwatch.delivery;

import io.javalin.Javalin;
import io.triadwatch.delivery.api.AlertApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A bare Javalin server on a free loopback port with an {@link AlertApi} added, standing in for the
 * http module's server in tests.
 */
public final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Javalin javalin;
    private final AlertApi api;

    /** Starts a server serving {@code api}; closing the server closes the API too. */
    public TestServer(AlertApi api) {
        this.api = api;
        this.javalin = Javalin.create(api::addTo).start("127.0.0.1", 0);
    }

    /** @return {@code http://127.0.0.1:PORT} + {@code pathAndQuery} */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + javalin.port() + pathAndQuery);
    }

    /** @return the answer to {@code GET pathAndQuery} */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        api.close();
        javalin.stop();
    }
}
