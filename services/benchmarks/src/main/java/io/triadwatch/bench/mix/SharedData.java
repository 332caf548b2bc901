package io.triadwatch.bench.mix;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real-data directory ({@code ../shared/data} next to the project). */
public final class SharedData {
    /** System property naming the shared directory (the parent of {@code data/}), as the build sets it for tests. */
    public static final String PROPERTY = "triadwatch.shared.dir";
    /** Environment variable naming the data directory itself. */
    public static final String ENV = "TRIADWATCH_SHARED_DATA";

    private SharedData() {
    }

    /**
     * @return the data directory: {@code $TRIADWATCH_SHARED_DATA}, else {@code -Dtriadwatch.shared.dir}/data,
     *         else the first {@code shared/data} found walking up from the working directory; null when none exists
     */
    public static Path locate() {
        String env = System.getenv(ENV);
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && Files.isDirectory(Path.of(prop, "data"))) {
            return Path.of(prop, "data").toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }
}
