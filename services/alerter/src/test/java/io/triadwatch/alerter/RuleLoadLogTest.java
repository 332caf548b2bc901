package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.triadwatch.alerter.rules.RuleStoreUpdater;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A rule is logged at INFO once when loaded and once per change, not once per copy on the topic. */
class RuleLoadLogTest {
    private static final String SHIFT = "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":%s,\"window\":\"P90D\"}";

    private final Logger logger = (Logger) LoggerFactory.getLogger(RuleStoreUpdater.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AlerterDriver alerter = new AlerterDriver();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        alerter.close();
    }

    private List<String> infoLines() {
        return lines.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shouldLogARuleOncePerChangeNotOncePerCopy() {
        // Given a rule published four times unchanged (what four demo starts did)
        for (int i = 0; i < 4; i++) {
            alerter.rule("shift", String.format(SHIFT, "0.2"));
        }

        // When it is then changed once
        alerter.rule("shift", String.format(SHIFT, "0.5"));

        // Then INFO says it was loaded once and changed once
        assertThat(infoLines()).containsExactly("rule shift (DYAD_SHIFT) loaded", "rule shift (DYAD_SHIFT) changed");
    }
}
