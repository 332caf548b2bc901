package io.triadwatch.launcher.cli;

import io.triadwatch.launcher.input.InputFormats;
import java.util.Iterator;

/** The input format names, for picocli's help and completion. */
final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return InputFormats.names().iterator();
    }
}
