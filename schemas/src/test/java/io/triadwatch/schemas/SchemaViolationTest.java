package io.triadwatch.schemas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The violation record keeps its invariants and describes itself on one line. */
class SchemaViolationTest {

    @Test
    void shouldDescribeAsPathColonMessage() {
        // Given a violation
        SchemaViolation violation = new SchemaViolation("$.delegation.head", "required", "required property 'head' not found");

        // When it is described, then the path leads and the message follows
        assertThat(violation.describe()).isEqualTo("$.delegation.head: required property 'head' not found");
    }

    @Test
    void shouldRejectMissingParts() {
        // Then each part is required
        assertThatNullPointerException().isThrownBy(() -> new SchemaViolation(null, "required", "m"));
        assertThatNullPointerException().isThrownBy(() -> new SchemaViolation("$", null, "m"));
        assertThatNullPointerException().isThrownBy(() -> new SchemaViolation("$", "required", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new SchemaViolation("$", " ", "m"));
        assertThatIllegalArgumentException().isThrownBy(() -> new SchemaViolation("$", "required", ""));
    }

    @Test
    void shouldRejectAPathThatIsNotAJsonPath() {
        // Then a path starts at the root $
        assertThatIllegalArgumentException().isThrownBy(() -> new SchemaViolation("delegation.head", "required", "m"))
                .withMessageContaining("delegation.head");
    }

    @Test
    void shouldRejectLineBreaksSoThatDescribeIsOneLine() {
        // Then path and message are one line each
        assertThatIllegalArgumentException().isThrownBy(() -> new SchemaViolation("$.a\nb", "required", "m"));
        assertThatIllegalArgumentException().isThrownBy(() -> new SchemaViolation("$", "required", "two\nlines"));
    }
}
