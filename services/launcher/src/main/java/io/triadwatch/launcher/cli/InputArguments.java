package io.triadwatch.launcher.cli;

import io.triadwatch.launcher.input.EventSource;
import io.triadwatch.launcher.input.InputFormats;
import io.triadwatch.launcher.input.InputSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The {@code FILE[:FORMAT]} arguments of {@code produce} and {@code replay}, resolved before anything connects. */
final class InputArguments {
    private InputArguments() {
    }

    /**
     * @param arguments     the file arguments, in order
     * @param defaultFormat {@code --format}, or null to detect files given without a format
     * @param out           receives one line per file: the format it is read as
     * @return one source per argument, in order
     * @throws IllegalArgumentException naming the file when one is unreadable, of an unknown format or undetectable
     */
    static List<EventSource> sources(List<String> arguments, String defaultFormat, Consumer<String> out) throws IOException {
        if (defaultFormat != null && !InputFormats.names().contains(defaultFormat)) {
            throw new IllegalArgumentException("unknown format '" + defaultFormat + "': expected one of " + InputFormats.names());
        }
        List<EventSource> sources = new ArrayList<>();
        for (String argument : arguments) {
            sources.add(InputFormats.source(InputSpec.parse(argument, InputFormats.names()), defaultFormat, out));
        }
        return sources;
    }
}
