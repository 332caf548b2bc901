package io.triadwatch.launcher.cli;

import io.triadwatch.launcher.replay.EventSource;
import java.nio.file.Path;

/** The input formats {@code produce} and {@code replay} read. */
public enum InputFormat {
    /** Canonical events, one JSON object per line. */
    jsonl;

    /** @return a replay source reading {@code file} in this format */
    EventSource source(Path file) {
        return EventSource.jsonl(file);
    }
}
