package io.triadwatch.model.state;

/**
 * How the two actors of a dyad have voted relative to each other at the UN.
 *
 * @param together   drafts on which both voted the same way (abstain counts as its own choice)
 * @param total      drafts on which both cast a vote (ABSENT excluded)
 * @param lastDraft  the latest draft both voted on, or null
 * @param agreedLast whether they agreed on it, or null
 * @param lastEventId the UN_VOTE event of {@code lastDraft}, or null
 */
public record VotingRecord(int together, int total, String lastDraft, Boolean agreedLast, String lastEventId) {
    /** @return together / total, or null when no shared vote yet */
    public Double agreementRate() {
        return total == 0 ? null : (double) together / total;
    }
}
