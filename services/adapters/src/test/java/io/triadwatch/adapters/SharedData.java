package io.triadwatch.adapters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real data files of {@code ../shared/data}: from the system property
 * {@code triadwatch.shared.dir} (set by surefire in the root pom), else {@code ../../../shared}
 * relative to this module.
 */
public final class SharedData {
    private SharedData() {
    }

    /** @return the path of {@code relative} under {@code shared/data}, checked to exist */
    public static Path file(String relative) {
        String dir = System.getProperty("triadwatch.shared.dir");
        Path shared = dir == null || dir.isBlank() ? Path.of("../../../shared") : Path.of(dir);
        Path file = shared.resolve("data").resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared data file " + file.toAbsolutePath() + " is missing (triadwatch.shared.dir=" + dir + ")");
        }
        return file;
    }
}
