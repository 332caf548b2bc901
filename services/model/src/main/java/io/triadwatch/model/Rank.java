package io.triadwatch.model;

/** The rank/rankOf pair rule shared by delegations and officials. */
final class Rank {
    private Rank() {
    }

    static void check(Integer rank, Integer rankOf, String parent) {
        if (rank != null && rank < 1) {
            throw new InvalidFieldException(parent + ".rank", "must be at least 1, got " + rank);
        }
        if (rankOf != null && rankOf < 1) {
            throw new InvalidFieldException(parent + ".rankOf", "must be at least 1, got " + rankOf);
        }
        if (rank != null && rankOf != null && rank > rankOf) {
            throw new InvalidFieldException(parent + ".rank", "rank " + rank + " is beyond rankOf " + rankOf);
        }
    }
}
