package io.triadwatch.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.triadwatch.http.HttpRoutes;
import java.util.List;
import java.util.Map;

/**
 * Serves the web dashboard — {@code index.html}, its ES modules, its stylesheet and icon — at
 * {@code /} from the class path ({@value #ASSETS} in this jar). Nothing is fetched from the
 * internet: the page has no framework, no CDN and draws its triangles and charts as SVG.
 * <p>
 * The page reads the JSON API of the same server ({@code /api/triads}, {@code /api/dyads/...},
 * {@code /api/alerts}, the SSE stream {@code /api/alerts/stream}) and routes by URL fragment
 * ({@code /#/dyad/CHN-PRK}, {@code /#/triad/CHN-PRK-RUS}), the form of an alert's
 * {@code generatorURL}.
 * <p>
 * Javalin matches routes before static files, so the assets never hide {@code /api/*},
 * {@code /metrics}, {@code /health} or {@code /ready}; a path that is neither answers the
 * server's JSON 404. Assets are answered with {@code Cache-Control: no-cache}: browsers revalidate
 * them, so an upgraded server is never shown with a stale script.
 */
public final class DashboardRoutes implements HttpRoutes {
    /** Class-path directory holding the assets. */
    public static final String ASSETS = "/triadwatch/dashboard";
    /** The files of the page, relative to {@link #ASSETS}; a test checks each is served. */
    public static final List<String> FILES = List.of("index.html", "app.css", "favicon.svg", "app.js", "api.js", "dom.js",
            "format.js", "alerts.js", "triads.js", "dyad.js", "chart.js");

    /** A dashboard served at {@code /}. */
    public DashboardRoutes() {
    }

    /**
     * Adds the static-file handler for the assets at {@code /}.
     *
     * @throws RuntimeException from Javalin when the assets are missing from the class path (a build defect)
     */
    @Override
    public void addTo(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ASSETS;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
    }
}
