package io.triadwatch.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Set;

/**
 * A canonical diplomatic event, the value of {@code triadwatch.events.v1}.
 * <p>
 * One record type per {@link EventKind}; all share the common fields below. Instances are
 * immutable and valid by construction: every constructor checks the v1 contract and throws
 * {@link InvalidFieldException} naming the field otherwise.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Summit.class, name = "SUMMIT"),
    @JsonSubTypes.Type(value = DelegationVisit.class, name = "DELEGATION_VISIT"),
    @JsonSubTypes.Type(value = UnVote.class, name = "UN_VOTE"),
    @JsonSubTypes.Type(value = JointStatement.class, name = "JOINT_STATEMENT"),
    @JsonSubTypes.Type(value = Treaty.class, name = "TREATY"),
    @JsonSubTypes.Type(value = SanctionsViolation.class, name = "SANCTIONS_VIOLATION"),
    @JsonSubTypes.Type(value = MilitaryExercise.class, name = "MILITARY_EXERCISE"),
    @JsonSubTypes.Type(value = CodedEvent.class, name = "CODED")
})
public sealed interface Event
        permits Summit, DelegationVisit, UnVote, JointStatement, Treaty, SanctionsViolation, MilitaryExercise, CodedEvent {

    /** @return the unique id, the idempotency key and the Kafka key */
    String id();

    /** @return the kind discriminator */
    @JsonProperty("kind")
    EventKind kind();

    /** @return when it happened (a date in the input is read as 00:00 UTC) */
    Instant occurredAt();

    /** @return 0..1; 1 when the input left it out */
    Double confidence();

    /** @return where it comes from */
    Source source();

    /** @return short human summary, or null */
    String summary();

    /** @return every actor the event names */
    Set<String> actors();
}
