package io.triadwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.HttpServerConfig;
import io.triadwatch.http.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardRoutesTest {
    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w.-]+)'");
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([\\w.-]+\\.(?:js|css|svg))\"");

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, "token", HttpServerConfig.DEFAULT_MAX_BODY_BYTES),
                Metrics.newRegistry(), new HealthRegistry(), List.of(
                        new DashboardRoutes(),
                        cfg -> cfg.routes.get("/api/probe", ctx -> ctx.json(java.util.Map.of("probe", "api")))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(DashboardRoutes.ASSETS + "/" + file)) {
            assertThat(in).as("class-path asset %s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldServeThePageAtTheRoot() throws Exception {
        // When the root is asked for
        HttpResponse<String> page = get("/");

        // Then it is the dashboard's HTML, loading its module
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Triadwatch</title>").contains("<script type=\"module\" src=\"app.js\">");
        assertThat(page.body()).isEqualTo(resource("index.html"));
    }

    @Test
    void shouldServeEveryAssetWithItsContentTypeAndRevalidation() throws Exception {
        for (String file : DashboardRoutes.FILES) {
            // When each file of the page is asked for
            HttpResponse<String> asset = get("/" + file);

            // Then it is answered with the bytes in the jar, a type the browser accepts, and no-cache
            assertThat(asset.statusCode()).as(file).isEqualTo(200);
            assertThat(asset.body()).as(file).isEqualTo(resource(file));
            String type = asset.headers().firstValue("Content-Type").orElse("");
            String expected = file.endsWith(".js") ? "javascript" : file.endsWith(".css") ? "text/css"
                    : file.endsWith(".svg") ? "image/svg+xml" : "text/html";
            assertThat(type).as("Content-Type of %s", file).contains(expected);
            assertThat(asset.headers().firstValue("Cache-Control")).as(file).hasValue("no-cache");
        }
    }

    @Test
    void shouldNotShadowTheApiOrTheOperationalEndpoints() throws Exception {
        // Given the dashboard at / and an API route
        // When the API, the operational endpoints and an unknown API path are asked for
        HttpResponse<String> api = get("/api/probe");
        HttpResponse<String> unknown = get("/api/no-such-thing");

        // Then the routes answer, and an unknown path is the server's JSON 404, not the page
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).isEqualTo("{\"probe\":\"api\"}");
        assertThat(get("/metrics").body()).contains("# HELP");
        assertThat(get("/health").body()).contains("\"status\"");
        assertThat(get("/ready").body()).contains("\"status\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not_found\"").doesNotContain("<html");
    }

    @Test
    void shouldShipEveryFileThePageAndItsModulesReference() throws Exception {
        // Given the page and its modules as shipped
        List<String> referenced = new ArrayList<>();
        collect(REFERENCE, resource("index.html"), referenced);
        for (String file : DashboardRoutes.FILES) {
            if (file.endsWith(".js")) {
                collect(IMPORT, resource(file), referenced);
            }
        }

        // Then every referenced file is listed (hence served and tested above), so no import fails in the browser
        assertThat(referenced).isNotEmpty();
        assertThat(DashboardRoutes.FILES).containsAll(referenced);
    }

    @Test
    void shouldNeedNothingFromTheInternet() throws Exception {
        for (String file : DashboardRoutes.FILES) {
            // Then no asset loads anything from another origin (the SVG namespace is a name, not a fetch)
            String text = resource(file).replace("http://www.w3.org/2000/svg", "");
            assertThat(text).as(file).doesNotContainPattern("https?://").doesNotContain("//cdn");
        }
    }

    private static void collect(Pattern pattern, String text, List<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
