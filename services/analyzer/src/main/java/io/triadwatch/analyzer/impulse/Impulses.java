package io.triadwatch.analyzer.impulse;

import io.triadwatch.model.CodedEvent;
import io.triadwatch.model.DelegationVisit;
import io.triadwatch.model.Dyad;
import io.triadwatch.model.Event;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.JointStatement;
import io.triadwatch.model.MilitaryExercise;
import io.triadwatch.model.SanctionsViolation;
import io.triadwatch.model.Summit;
import io.triadwatch.model.Treaty;
import io.triadwatch.model.UnVote;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.EnumMap;
import io.triadwatch.model.state.ChannelSums;

/**
 * Turns one event into signed impulses on dyads, by the rules of an {@link ImpulseTable}. Pure:
 * the same event, table and registry always give the same impulses. Thread-safe.
 */
public final class Impulses {
    private final ImpulseTable table;

    /** @param table the weights */
    public Impulses(ImpulseTable table) {
        this.table = table;
    }

    /** @return the weights in use */
    public ImpulseTable table() {
        return table;
    }

    /**
     * Scores {@code event}.
     *
     * @param registry the officials registry, for delegation heads without inline rank
     * @return the impulses (one per dyad), or why the event cannot be scored
     */
    public Scoring score(Event event, OfficialsLookup registry) {
        Accumulator acc = new Accumulator();
        Scoring problem;
        if (event instanceof Summit summit) {
            problem = summit(summit, acc);
        } else if (event instanceof DelegationVisit visit) {
            problem = visit(visit, registry, acc);
        } else if (event instanceof UnVote vote) {
            problem = vote(vote, acc);
        } else if (event instanceof JointStatement statement) {
            problem = statement(statement, acc);
        } else if (event instanceof Treaty treaty) {
            problem = pairs(treaty.parties(), table.treaty(treaty.treatyType()), EventKind.TREATY, acc);
        } else if (event instanceof SanctionsViolation violation) {
            acc.add(Dyad.of(violation.violator(), violation.counterparty()), table.violatorCounterparty());
            problem = null;
        } else if (event instanceof MilitaryExercise exercise) {
            problem = exercise(exercise, acc);
        } else if (event instanceof CodedEvent coded) {
            problem = coded(coded, acc);
        } else {
            throw new IllegalStateException("no impulse rule for " + event.kind());
        }
        if (problem != null) {
            return problem;
        }
        if (acc.isEmpty()) {
            return Scoring.unscorable("$", event.kind() + " event names no pair of actors to score");
        }
        return Scoring.of(acc.impulses(event.confidence(), table.clamp()));
    }

    private Scoring summit(Summit summit, Accumulator acc) {
        return pairs(summit.participants(), table.summit(summit.level()), EventKind.SUMMIT, acc);
    }

    private Scoring visit(DelegationVisit visit, OfficialsLookup registry, Accumulator acc) {
        Optional<ResolvedRank> rank = ProtocolRanks.resolve(visit.delegation(), visit.guest(), visit.occurredAt(), registry, table);
        if (rank.isEmpty()) {
            return Scoring.unscorable("$.delegation.tier", "delegation head '" + visit.delegation().head() + "' has no tier: the event gives none and the officials registry has no version of "
                    + (visit.delegation().officialId() != null ? "'" + visit.delegation().officialId() + "'" : "that name for " + visit.guest())
                    + " valid on " + LocalDate.ofInstant(visit.occurredAt(), ZoneOffset.UTC));
        }
        Dyad dyad = visit.dyad();
        acc.add(dyad, table.visitBase() * rank.get().weight());
        acc.visits.put(dyad, new DyadImpulse.VisitFacts(visit.host(), visit.guest(), visit.occasion(), visit.delegation().head(), rank.get()));
        return null;
    }

    private Scoring vote(UnVote vote, Accumulator acc) {
        double body = table.bodyWeight(vote.body());
        List<String> voters = new ArrayList<>();
        Map<UnVote.Choice, Integer> choices = new EnumMap<>(UnVote.Choice.class);
        for (String actor : vote.votes().keySet()) {
            if (vote.effectiveChoice(actor) != UnVote.Choice.ABSENT) {
                voters.add(actor);
                choices.merge(normalize(vote.effectiveChoice(actor)), 1, Integer::sum);
            }
        }
        if (vote.subject() != null) {
            for (String voter : voters) {
                if (!voter.equals(vote.subject())) {
                    acc.add(Dyad.of(voter, vote.subject()), body * table.stance(vote.yesMeans(), vote.effectiveChoice(voter)));
                }
            }
        }
        for (int i = 0; i < voters.size(); i++) {
            for (int j = i + 1; j < voters.size(); j++) {
                UnVote.Choice a = normalize(vote.effectiveChoice(voters.get(i)));
                UnVote.Choice b = normalize(vote.effectiveChoice(voters.get(j)));
                boolean agreed = a == b;
                Dyad dyad = Dyad.of(voters.get(i), voters.get(j));
                double impulse = body * (agreed ? table.pairAgree() : table.pairDisagree());
                if (table.channels() == null) {
                    acc.add(dyad, impulse);
                } else {
                    // How likely this agreement (or disagreement) was, given how the body voted.
                    double expected = (choices.get(a) + choices.get(b)) / (2.0 * voters.size());
                    acc.addChannel(dyad, impulse, ChannelSums.vote(body, agreed, expected));
                }
                acc.votes.put(dyad, new DyadImpulse.VoteFacts(vote.draft(), agreed));
            }
        }
        if (acc.isEmpty()) {
            return Scoring.unscorable("$.votes", "no impulse: " + (vote.subject() == null ? "no subject and fewer than two voters who cast a vote" : "nobody but the subject cast a vote"));
        }
        return null;
    }

    /** A veto is a no vote (they agree); abstaining is its own choice. */
    private static UnVote.Choice normalize(UnVote.Choice choice) {
        return choice == UnVote.Choice.VETO ? UnVote.Choice.NO : choice;
    }

    private Scoring statement(JointStatement statement, Accumulator acc) {
        pairs(statement.parties(), table.statementAmongParties(), EventKind.JOINT_STATEMENT, acc);
        if (statement.subject() == null) {
            return null;
        }
        double stance = 0;
        for (String term : statement.termsAdded()) {
            Double value = table.termStance(term);
            stance += value == null ? 0 : value;
        }
        for (String term : statement.termsRemoved()) {
            Double value = table.termStance(term);
            stance -= value == null ? 0 : value;
        }
        if (stance != 0) {
            for (String party : statement.parties()) {
                if (!party.equals(statement.subject())) {
                    acc.add(Dyad.of(party, statement.subject()), stance);
                }
            }
        }
        return null;
    }

    private Scoring exercise(MilitaryExercise exercise, Accumulator acc) {
        if (exercise.parties().size() < 2 && exercise.target() == null) {
            return Scoring.unscorable("$.target", "an exercise by one party without a target moves no dyad");
        }
        pairs(exercise.parties(), table.exerciseAmongParties(), EventKind.MILITARY_EXERCISE, acc);
        if (exercise.target() != null) {
            for (String party : exercise.parties()) {
                acc.add(Dyad.of(party, exercise.target()), table.exercisePartyTarget());
            }
        }
        return null;
    }

    private Scoring coded(CodedEvent coded, Accumulator acc) {
        OptionalDouble value = coded.goldstein() != null ? OptionalDouble.of(coded.goldstein()) : table.goldstein().valueOf(coded.cameo());
        if (value.isEmpty()) {
            return Scoring.unscorable("$.cameo", "CAMEO code '" + coded.cameo() + "' (and its parents) is not in the Goldstein table, and the event gives no goldstein value");
        }
        if (table.channels() == null) {
            acc.add(coded.dyad(), value.getAsDouble());
        } else {
            acc.addChannel(coded.dyad(), value.getAsDouble(), ChannelSums.coded(1, value.getAsDouble(), quadClass(coded.cameo())));
        }
        return null;
    }

    /** CAMEO's quad class of a code by its root: 01–05 verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict. */
    static int quadClass(String cameo) {
        int root = Integer.parseInt(cameo.substring(0, 2));
        if (root >= 1 && root <= 5) {
            return 1;
        }
        if (root >= 6 && root <= 8) {
            return 2;
        }
        if (root >= 9 && root <= 13) {
            return 3;
        }
        return root >= 14 && root <= 20 ? 4 : 0;
    }

    private Scoring pairs(List<String> actors, double impulse, EventKind kind, Accumulator acc) {
        double each = table.dilutes(kind) && actors.size() > 2 ? impulse / (actors.size() - 1) : impulse;
        for (int i = 0; i < actors.size(); i++) {
            for (int j = i + 1; j < actors.size(); j++) {
                acc.add(Dyad.of(actors.get(i), actors.get(j)), each);
            }
        }
        return null;
    }

    /**
     * The impulses of one event, by dyad: curated values (summed, then clamped) and, under a v2
     * table, channel contributions (coded tone, voter-pair agreement), which are not clamped: they
     * are bounded where the score combines them.
     */
    private static final class Accumulator {
        final Map<Dyad, Double> raw = new TreeMap<>();
        final Map<Dyad, Double> shown = new TreeMap<>();
        final Map<Dyad, ChannelSums> channels = new TreeMap<>();
        final Map<Dyad, DyadImpulse.VisitFacts> visits = new TreeMap<>();
        final Map<Dyad, DyadImpulse.VoteFacts> votes = new TreeMap<>();

        void add(Dyad dyad, double impulse) {
            raw.merge(dyad, impulse, Double::sum);
        }

        /** @param shownImpulse what v1 would have summed, shown as the contribution's impulse */
        void addChannel(Dyad dyad, double shownImpulse, ChannelSums contribution) {
            shown.merge(dyad, shownImpulse, Double::sum);
            channels.merge(dyad, contribution, ChannelSums::plus);
        }

        boolean isEmpty() {
            return raw.isEmpty() && channels.isEmpty();
        }

        List<DyadImpulse> impulses(double confidence, double clamp) {
            TreeSet<Dyad> dyads = new TreeSet<>(raw.keySet());
            dyads.addAll(channels.keySet());
            List<DyadImpulse> out = new ArrayList<>(dyads.size());
            for (Dyad dyad : dyads) {
                double sum = raw.getOrDefault(dyad, 0.0);
                double curated = Math.max(-clamp, Math.min(clamp, sum)) * confidence;
                ChannelSums other = channels.get(dyad);
                ChannelSums sums = other == null ? ChannelSums.curated(curated) : ChannelSums.curated(curated).plus(other.times(confidence));
                double shownImpulse = curated + shown.getOrDefault(dyad, 0.0) * confidence;
                out.add(new DyadImpulse(dyad, shownImpulse, sums, visits.get(dyad), votes.get(dyad)));
            }
            return out;
        }
    }
}
