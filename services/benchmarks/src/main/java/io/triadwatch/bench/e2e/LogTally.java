package io.triadwatch.bench.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts the WARN and ERROR log events of this JVM (broker, clients, apps) by kind — the logger and
 * the exception or error name — so that the page can say, for example, how many produce requests the
 * broker rejected with an out-of-order sequence while an app ran. Thread-safe.
 */
final class LogTally extends AppenderBase<ILoggingEvent> {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Attaches a tally to the root logger. */
    static LogTally install() {
        LogTally tally = new LogTally();
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            tally.setContext(context);
            tally.setName("bench-log-tally");
            tally.start();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(tally);
        }
        return tally;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        counts.computeIfAbsent(kind(event), k -> new AtomicLong()).incrementAndGet();
    }

    private static String kind(ILoggingEvent event) {
        String logger = event.getLoggerName();
        String shortLogger = logger.substring(logger.lastIndexOf('.') + 1);
        String what;
        if (event.getThrowableProxy() != null) {
            String cls = event.getThrowableProxy().getClassName();
            what = cls.substring(cls.lastIndexOf('.') + 1);
        } else {
            String message = event.getFormattedMessage() == null ? "" : event.getFormattedMessage();
            int error = message.indexOf("Error: ");
            what = error >= 0 ? message.substring(error + 7).split("[\\s.,]")[0] : message.replaceAll("\\[[^]]*]", "").replaceAll("[0-9a-f-]{8,}", "*").strip();
            what = what.length() > 60 ? what.substring(0, 60) + "…" : what;
        }
        return event.getLevel() + " " + shortLogger + ": " + what;
    }

    /** @return the counts so far, and starts counting afresh */
    Map<String, Long> drain() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .forEach(e -> out.put(e.getKey(), e.getValue().getAndSet(0)));
        out.values().removeIf(v -> v == 0);
        return out;
    }
}
