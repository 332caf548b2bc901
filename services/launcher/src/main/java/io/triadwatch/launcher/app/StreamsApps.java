package io.triadwatch.launcher.app;

/** The application ids (and so consumer-group ids) of Triadwatch's Streams apps. */
public final class StreamsApps {
    /** The analyzer's {@code application.id}. */
    public static final String ANALYZER_APPLICATION_ID = "triadwatch-analyzer";
    /** The alerter's {@code application.id}. */
    public static final String ALERTER_APPLICATION_ID = "triadwatch-alerter";

    private StreamsApps() {
    }
}
