package io.triadwatch.analyzer.impulse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.Summit;
import io.triadwatch.model.Tier;
import io.triadwatch.model.Treaty;
import io.triadwatch.model.UnVote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The analyzer's impulse weights as data: the versioned table
 * {@code triadwatch/analyzer/impulses.v1.json} plus the CAMEO Goldstein table it names. Every
 * number the analyzer multiplies an event by comes from here; docs/analytic-model.md explains them.
 * <p>
 * Loading checks that every sub-case has a value (every tier, treaty type, vote choice...), so a
 * table with a gap fails at start-up, not in the middle of a stream. Immutable and thread-safe.
 */
public final class ImpulseTable {
    /** Class-path resource of the default table: v2, coded news as tone and UN voter pairs as agreement. */
    public static final String DEFAULT_RESOURCE = "triadwatch/analyzer/impulses.v2.json";
    /** Class-path resource of the v1 table (every impulse summed), kept so v1 results stay reproducible. */
    public static final String V1_RESOURCE = "triadwatch/analyzer/impulses.v1.json";
    private static final String RESOURCE_DIR = "triadwatch/analyzer/";
    private static volatile ImpulseTable defaultTable;
    private static volatile ImpulseTable v1Table;

    private final int version;
    private final double clamp;
    private final Set<EventKind> dilute;
    private final Map<Summit.Level, Double> summit;
    private final double visitBase;
    private final Map<Tier, TierBand> tiers;
    private final Map<Treaty.Type, Double> treaty;
    private final double violatorCounterparty;
    private final double exerciseAmongParties;
    private final double exercisePartyTarget;
    private final Map<UnVote.Body, Double> bodyWeight;
    private final Map<UnVote.YesMeans, Map<UnVote.Choice, Double>> stance;
    private final double pairAgree;
    private final double pairDisagree;
    private final double statementAmongParties;
    private final Map<String, Double> lexicon;
    private final GoldsteinTable goldstein;
    private final ChannelWeights channels;

    /**
     * How a v2 table combines a dyad's channels (docs/analytic-model.md §3): coded events feed the
     * tone channel, UN voter pairs the agreement channel, and both enter the raw sum bounded.
     *
     * @param toneScale      raw sum per Goldstein point of the dyad's mean tone, positive
     * @param tonePrior      decayed coded volume the tone is shrunk towards 0 with, positive
     * @param agreementScale raw sum of a pair that always agrees (+1 excess) or never (−1), positive
     * @param agreementPrior decayed contested drafts the agreement is shrunk towards 0 with, positive
     */
    public record ChannelWeights(double toneScale, double tonePrior, double agreementScale, double agreementPrior) {
        public ChannelWeights {
            for (double v : new double[] {toneScale, tonePrior, agreementScale, agreementPrior}) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("impulse table: channel weights must be positive and finite, got " + v);
                }
            }
        }
    }

    /**
     * The weight band of one protocol tier.
     *
     * @param top   weight of the tier's first-ranked member
     * @param floor weight the tier's ranks descend towards (the next tier's top)
     */
    public record TierBand(double top, double floor) {
        /** @return the weight of a member without a known rank */
        public double midpoint() {
            return (top + floor) / 2;
        }
    }

    private ImpulseTable(JsonNode root, GoldsteinTable goldstein) {
        this.version = requireInt(root, "version");
        this.clamp = number(root, "clamp");
        this.dilute = EnumSet.noneOf(EventKind.class);
        for (JsonNode kind : require(require(root, "multilateral"), "dilute")) {
            dilute.add(EventKind.valueOf(kind.asText()));
        }
        this.summit = enumMap(require(root, "summit"), Summit.Level.class, "summit");
        this.visitBase = number(require(root, "delegationVisit"), "base");
        JsonNode tierNode = require(require(root, "protocol"), "tiers");
        this.tiers = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            JsonNode band = require(tierNode, tier.name());
            double top = number(band, "top");
            double floor = number(band, "floor");
            if (floor > top || floor < 0 || top > 1) {
                throw new IllegalArgumentException("protocol.tiers." + tier + ": need 0 <= floor <= top <= 1, got floor " + floor + ", top " + top);
            }
            tiers.put(tier, new TierBand(top, floor));
        }
        this.treaty = enumMap(require(root, "treaty"), Treaty.Type.class, "treaty");
        this.violatorCounterparty = number(require(root, "sanctionsViolation"), "violatorCounterparty");
        JsonNode exercise = require(root, "militaryExercise");
        this.exerciseAmongParties = number(exercise, "amongParties");
        this.exercisePartyTarget = number(exercise, "partyTarget");
        JsonNode vote = require(root, "unVote");
        this.bodyWeight = enumMap(require(vote, "bodyWeight"), UnVote.Body.class, "unVote.bodyWeight");
        this.stance = new EnumMap<>(UnVote.YesMeans.class);
        for (UnVote.YesMeans means : UnVote.YesMeans.values()) {
            stance.put(means, enumMap(require(require(vote, "stance"), means.name()), UnVote.Choice.class, "unVote.stance." + means));
        }
        this.pairAgree = number(vote, "pairAgree");
        this.pairDisagree = number(vote, "pairDisagree");
        JsonNode statement = require(root, "jointStatement");
        this.statementAmongParties = number(statement, "amongParties");
        this.lexicon = new LinkedHashMap<>();
        require(statement, "lexicon").properties().forEach(e -> lexicon.put(normalizeTerm(e.getKey()), number(e.getValue(), "stance")));
        this.goldstein = goldstein;
        JsonNode channelNode = root.get("channels");
        if (channelNode == null) {
            this.channels = null;
        } else {
            JsonNode tone = require(channelNode, "tone");
            JsonNode agreement = require(channelNode, "agreement");
            this.channels = new ChannelWeights(number(tone, "scale"), number(tone, "priorVolume"),
                    number(agreement, "scale"), number(agreement, "priorDrafts"));
        }
    }

    /**
     * @return how the channels combine, or null for a v1 table: every impulse (coded and voter
     *         pairs included) is then summed into the curated channel
     */
    public ChannelWeights channels() {
        return channels;
    }

    /** @return the table shipped with the analyzer, loaded once */
    public static ImpulseTable defaults() {
        ImpulseTable table = defaultTable;
        if (table == null) {
            synchronized (ImpulseTable.class) {
                table = defaultTable;
                if (table == null) {
                    table = fromResource(DEFAULT_RESOURCE);
                    defaultTable = table;
                }
            }
        }
        return table;
    }

    /** @return the v1 table (every impulse summed into one sum), loaded once; for reproducing v1 results */
    public static ImpulseTable v1() {
        ImpulseTable table = v1Table;
        if (table == null) {
            synchronized (ImpulseTable.class) {
                table = v1Table;
                if (table == null) {
                    table = fromResource(V1_RESOURCE);
                    v1Table = table;
                }
            }
        }
        return table;
    }

    /**
     * Loads a table from the class path; its Goldstein table is resolved next to the analyzer's
     * resources.
     *
     * @throws IllegalArgumentException when the table is incomplete or malformed
     */
    public static ImpulseTable fromResource(String resource) {
        ClassLoader loader = ImpulseTable.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("impulse table resource not found: " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            String goldsteinName = require(require(root, "coded"), "goldsteinTable").asText();
            try (InputStream tsv = loader.getResourceAsStream(RESOURCE_DIR + goldsteinName)) {
                if (tsv == null) {
                    throw new IllegalArgumentException("Goldstein table not found: " + RESOURCE_DIR + goldsteinName);
                }
                return new ImpulseTable(root, GoldsteinTable.read(tsv, goldsteinName));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read impulse table " + resource, e);
        }
    }

    /** @return the table's version (1 for impulses.v1.json) */
    public int version() {
        return version;
    }

    /** @return the bound of one dyad's impulse from one event, before confidence */
    public double clamp() {
        return clamp;
    }

    /** @return true when {@code kind}'s pairwise impulses are divided by (n − 1) for n &gt; 2 actors */
    public boolean dilutes(EventKind kind) {
        return dilute.contains(kind);
    }

    /** @return the pairwise impulse of a summit at {@code level} */
    public double summit(Summit.Level level) {
        return summit.get(level);
    }

    /** @return the impulse of a visit led by a head of protocol weight 1.0 */
    public double visitBase() {
        return visitBase;
    }

    /** @return the weight band of {@code tier} */
    public TierBand tier(Tier tier) {
        return tiers.get(tier);
    }

    /**
     * The protocol weight of a delegation head: {@code top − (top − floor) × (rank − 1) / rankOf}
     * inside the tier's band, or the band's midpoint when rank or rankOf is unknown.
     */
    public double protocolWeight(Tier tier, Integer rank, Integer rankOf) {
        TierBand band = tiers.get(tier);
        if (rank == null || rankOf == null) {
            return band.midpoint();
        }
        return band.top() - (band.top() - band.floor()) * (rank - 1) / (double) rankOf;
    }

    /** @return the pairwise impulse of a treaty of {@code type} */
    public double treaty(Treaty.Type type) {
        return treaty.get(type);
    }

    /** @return the violator–counterparty impulse of a sanctions violation */
    public double violatorCounterparty() {
        return violatorCounterparty;
    }

    /** @return the pairwise impulse among the parties of an exercise */
    public double exerciseAmongParties() {
        return exerciseAmongParties;
    }

    /** @return the impulse between each party of an exercise and its target */
    public double exercisePartyTarget() {
        return exercisePartyTarget;
    }

    /** @return the multiplier of every vote impulse in {@code body} */
    public double bodyWeight(UnVote.Body body) {
        return bodyWeight.get(body);
    }

    /** @return the voter–subject impulse of {@code choice} on a draft where YES means {@code means} */
    public double stance(UnVote.YesMeans means, UnVote.Choice choice) {
        return stance.get(means).get(choice);
    }

    /** @return the impulse between two voters who cast the same effective choice */
    public double pairAgree() {
        return pairAgree;
    }

    /** @return the impulse between two voters who cast different effective choices */
    public double pairDisagree() {
        return pairDisagree;
    }

    /** @return the pairwise impulse among the parties of a joint statement */
    public double statementAmongParties() {
        return statementAmongParties;
    }

    /**
     * @return the stance of a joint-statement term when added (positive favours the subject), or
     * null when the lexicon does not know it
     */
    public Double termStance(String term) {
        return lexicon.get(normalizeTerm(term));
    }

    /** @return the lexicon, term → stance when added */
    public Map<String, Double> lexicon() {
        return Map.copyOf(lexicon);
    }

    /** @return the CAMEO Goldstein table */
    public GoldsteinTable goldstein() {
        return goldstein;
    }

    private static String normalizeTerm(String term) {
        return term.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Map<E, Double> enumMap(JsonNode node, Class<E> type, String path) {
        Map<E, Double> map = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            JsonNode value = node.get(constant.name());
            if (value == null || !value.isNumber()) {
                throw new IllegalArgumentException("impulse table: " + path + "." + constant.name() + " is missing or not a number");
            }
            map.put(constant, value.asDouble());
        }
        return map;
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            throw new IllegalArgumentException("impulse table: '" + field + "' is missing");
        }
        return child;
    }

    private static double number(JsonNode node, String field) {
        JsonNode child = require(node, field);
        if (!child.isNumber()) {
            throw new IllegalArgumentException("impulse table: '" + field + "' is not a number");
        }
        return child.asDouble();
    }

    private static int requireInt(JsonNode node, String field) {
        JsonNode child = require(node, field);
        if (!child.isInt()) {
            throw new IllegalArgumentException("impulse table: '" + field + "' is not an integer");
        }
        return child.asInt();
    }
}
