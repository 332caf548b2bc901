package io.triadwatch.serde;

import io.triadwatch.model.AlertRule;
import io.triadwatch.model.Event;
import io.triadwatch.model.Official;
import io.triadwatch.model.Triad;
import io.triadwatch.schemas.SchemaName;

/** The validating codec of every input topic, created once. */
public final class Codecs {
    private static final ValidatingCodec<Event> EVENTS = ValidatingCodec.of(SchemaName.EVENT, Event.class);
    private static final ValidatingCodec<Official> OFFICIALS = ValidatingCodec.of(SchemaName.OFFICIAL, Official.class);
    private static final ValidatingCodec<Triad> TRIADS = ValidatingCodec.of(SchemaName.TRIAD, Triad.class);
    private static final ValidatingCodec<AlertRule> RULES = ValidatingCodec.of(SchemaName.RULE, AlertRule.class);

    private Codecs() {
    }

    /** @return the canonical event codec */
    public static ValidatingCodec<Event> events() {
        return EVENTS;
    }

    /** @return the officials registry codec */
    public static ValidatingCodec<Official> officials() {
        return OFFICIALS;
    }

    /** @return the watched-triads codec */
    public static ValidatingCodec<Triad> triads() {
        return TRIADS;
    }

    /** @return the alert-rules codec */
    public static ValidatingCodec<AlertRule> rules() {
        return RULES;
    }
}
