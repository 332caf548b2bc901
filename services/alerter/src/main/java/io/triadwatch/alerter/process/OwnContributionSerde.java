package io.triadwatch.alerter.process;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.JsonSerde;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The alerter's serde of {@code triadwatch.dyad-state.v1} values: it reads a dyad state with only the
 * contribution of the state's own event ({@code lastEventId}), the one contribution any rule cites
 * (the move's impulse and summary; a rank or vote rule fires only on the state's own visit or vote).
 * <p>
 * Why: a state carries up to 20 contributions with their summaries, about 90% of its JSON. Binding
 * them all (strings, instants, records) was most of the alerter's JSON cost, and the held states
 * (waiting for their triad readings) were written back with all of them. The others are skipped as
 * tokens, not bound. Writing uses the full {@link JsonSerde}: this serde changes what is read, not the
 * contract.
 * <p>
 * A value that cannot be read throws {@link SerializationException}, as {@link JsonSerde} does; null
 * stays null.
 */
public final class OwnContributionSerde implements Serde<DyadState> {
    private static final String CONTRIBUTIONS = "contributions";
    private static final ObjectMapper WITHOUT_CONTRIBUTIONS = Json.mapper().copy().addMixIn(DyadState.class, SkipContributions.class);

    @JsonIgnoreProperties({CONTRIBUTIONS})
    private interface SkipContributions {
    }

    @Override
    public Serializer<DyadState> serializer() {
        return JsonSerde.of(DyadState.class).serializer();
    }

    @Override
    public Deserializer<DyadState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                DyadState state = WITHOUT_CONTRIBUTIONS.readValue(bytes, DyadState.class);
                Contribution own = state.lastEventId() == null ? null : contribution(bytes, state.lastEventId());
                return state.withContributions(own == null ? List.of() : List.of(own));
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("cannot read DyadState from topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    /** @return the contribution of {@code eventId} among the state's, bound alone; null when it has none */
    private static Contribution contribution(byte[] bytes, String eventId) throws IOException {
        try (JsonParser p = Json.mapper().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (CONTRIBUTIONS.equals(field) && value == JsonToken.START_ARRAY) {
                    return find(p, bytes, eventId);
                }
                if (CONTRIBUTIONS.equals(field) && value != JsonToken.VALUE_NULL) {
                    throw new IOException("contributions is not an array but " + value);
                }
                p.skipChildren();
            }
            return null;
        }
    }

    /**
     * Reads the array's elements up to the one of {@code eventId}, binding that one only. The others are
     * only checked to be objects (a number or string where a contribution stands is rejected, as the full
     * {@link JsonSerde} rejects it); their fields are not validated, since no rule reads them.
     */
    private static Contribution find(JsonParser p, byte[] bytes, String eventId) throws IOException {
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                throw new IOException("a contribution is not an object but " + element);
            }
            long start = p.currentTokenLocation().getByteOffset();
            boolean match = false;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("eventId".equals(field)) {
                    match = eventId.equals(p.getValueAsString());
                } else {
                    p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("a contribution is not an object");
            }
            if (match) {
                long end = p.currentLocation().getByteOffset();
                return Json.mapper().readValue(bytes, (int) start, (int) (end - start), Contribution.class);
            }
        }
        return null;
    }
}
