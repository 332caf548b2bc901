package io.triadwatch.launcher.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputSpecTest {

    private static InputSpec parse(String argument) {
        return InputSpec.parse(argument, InputFormats.names());
    }

    @Test
    void shouldTakeAKnownFormatAfterTheLastColon() {
        assertThat(parse("data/events.tab:icews")).isEqualTo(new InputSpec(Path.of("data/events.tab"), "icews"));
        assertThat(parse("votes.csv:unsc-votes")).isEqualTo(new InputSpec(Path.of("votes.csv"), "unsc-votes"));
        assertThat(parse("a.jsonl:jsonl").format()).isEqualTo("jsonl");
    }

    @Test
    void shouldLeaveAFileWithoutAFormatToTheDefaultOrDetection() {
        assertThat(parse("events.export.CSV")).isEqualTo(new InputSpec(Path.of("events.export.CSV"), null));
    }

    @Test
    void shouldReadWindowsPathsWithADriveColonAsPaths() {
        // Given Windows paths, with and without a format
        InputSpec plain = parse("C:\\data\\events.tab");
        InputSpec withFormat = parse("C:\\data\\events.tab:icews");

        // Then the drive colon stays in the path and only the known name after the last colon is a format
        assertThat(plain).isEqualTo(new InputSpec(Path.of("C:\\data\\events.tab"), null));
        assertThat(withFormat).isEqualTo(new InputSpec(Path.of("C:\\data\\events.tab"), "icews"));
    }

    @Test
    void shouldKeepAColonFollowedByAnUnknownNameInTheFileName() {
        // An unknown or mistyped name after a colon is not a format: it belongs to the file name
        assertThat(parse("exports/12:30.csv")).isEqualTo(new InputSpec(Path.of("exports/12:30.csv"), null));
        assertThat(parse("events.tab:ICEWS")).isEqualTo(new InputSpec(Path.of("events.tab:ICEWS"), null));
        assertThat(parse("events.tab:")).isEqualTo(new InputSpec(Path.of("events.tab:"), null));
    }

    @Test
    void shouldLetAFileNamedLikeAFormatSuffixBeGivenWithItsFormatAdded() {
        assertThat(parse("odd:icews:jsonl")).isEqualTo(new InputSpec(Path.of("odd:icews"), "jsonl"));
        assertThat(parse(":icews")).isEqualTo(new InputSpec(Path.of(":icews"), null));
    }

    @Test
    void shouldRefuseABlankArgument() {
        assertThatThrownBy(() -> parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
