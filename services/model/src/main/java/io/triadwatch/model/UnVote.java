package io.triadwatch.model;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A recorded vote of a UN body on a draft.
 *
 * @param subject  the actor the draft concerns, optional
 * @param yesMeans what a YES says about the subject; {@link YesMeans#AGAINST_SUBJECT} when left out
 * @param votes    each member's vote, at least one
 */
public record UnVote(String id, Instant occurredAt, Double confidence, Source source, String summary,
                     Body body, String draft, String resolution, String subject, YesMeans yesMeans,
                     Outcome outcome, Map<String, Choice> votes) implements Event {

    /** The voting body. */
    public enum Body { UNSC, UNGA }

    /** How to read a YES vote relative to the subject. */
    public enum YesMeans { AGAINST_SUBJECT, FOR_SUBJECT }

    /** The result of the vote. */
    public enum Outcome { ADOPTED, NOT_ADOPTED, VETOED }

    /** One member's vote. */
    public enum Choice { YES, NO, ABSTAIN, ABSENT, VETO }

    /** The five permanent members of the Security Council, whose NO on a failed draft is a veto. */
    public static final Set<String> PERMANENT_MEMBERS = Set.of("CHN", "FRA", "GBR", "RUS", "USA");

    public UnVote {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        EventFields.required(body, "$.body");
        EventFields.text(draft, "$.draft", true);
        EventFields.text(resolution, "$.resolution", false);
        subject = Actors.optional(subject, "$.subject");
        yesMeans = yesMeans == null ? YesMeans.AGAINST_SUBJECT : yesMeans;
        EventFields.required(outcome, "$.outcome");
        if (votes == null || votes.isEmpty()) {
            throw new InvalidFieldException("$.votes", "at least one vote is required");
        }
        TreeMap<String, Choice> sorted = new TreeMap<>();
        votes.forEach((actor, choice) -> {
            Actors.require(actor, "$.votes." + actor);
            sorted.put(actor, EventFields.required(choice, "$.votes." + actor));
        });
        votes = java.util.Collections.unmodifiableMap(sorted);
    }

    @Override
    public EventKind kind() {
        return EventKind.UN_VOTE;
    }

    @Override
    public Set<String> actors() {
        Set<String> all = new HashSet<>(votes.keySet());
        if (subject != null) {
            all.add(subject);
        }
        return Set.copyOf(all);
    }

    /**
     * The vote as cast, reading a permanent member's NO on a vetoed UNSC draft as a veto: some
     * sources record vetoes as plain NO votes.
     *
     * @return the effective choice, or null when {@code actor} did not vote
     */
    public Choice effectiveChoice(String actor) {
        Choice choice = votes.get(actor);
        if (choice == Choice.NO && body == Body.UNSC && outcome == Outcome.VETOED && PERMANENT_MEMBERS.contains(actor)) {
            return Choice.VETO;
        }
        return choice;
    }
}
