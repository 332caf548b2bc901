package io.triadwatch.model.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The decayed sums behind a dyad's score, one per channel, all as of the same instant. Every
 * component is a sum of per-event contributions, each decayed by the same half-life, so the vector
 * is linear: contributions add in any order, carrying the vector to another instant multiplies every
 * component of a channel by one factor (the tone channel may have a half-life of its own), and the contributions of many events can be summed before they reach the
 * dyad (the analyzer's intake does that for coded news). The score is a non-linear function of the
 * vector (see the analyzer's {@code ScoreModel}), which is why the vector, not the score, is kept.
 *
 * <p>The channels (docs/analytic-model.md §3):
 * <ul>
 *   <li><b>curated</b>: the impulses of summits, visits, votes on a subject, statements, treaties,
 *       violations and exercises, summed as before.</li>
 *   <li><b>tone</b> (CAMEO-coded news): {@code toneSum} = Σ w·goldstein and {@code toneVolume} = Σ w,
 *       so the tone is their ratio, a decayed weighted mean that ten reports of one meeting do not
 *       change; the volume (attention) is kept beside it, split by CAMEO quad class.</li>
 *   <li><b>agreement</b> (UN voter pairs): {@code voteSurprise} = Σ w·(agreed − expected), where
 *       {@code expected} is the chance the body's votes on that draft give a pair of agreeing the way
 *       these two voted, and {@code voteInformative} = Σ w over contested drafts: a unanimous draft
 *       adds nothing to either.</li>
 * </ul>
 * Under the v1 impulse table every impulse is curated and the other channels stay zero.
 *
 * @param curated             decayed sum of curated impulses
 * @param toneSum             decayed Σ weight × Goldstein value of coded events
 * @param toneVolume          decayed Σ weight of coded events (attention)
 * @param verbalCooperation   decayed weight of coded events of CAMEO roots 01–05
 * @param materialCooperation decayed weight of coded events of CAMEO roots 06–08
 * @param verbalConflict      decayed weight of coded events of CAMEO roots 09–13
 * @param materialConflict    decayed weight of coded events of CAMEO roots 14–20
 * @param voteSurprise        decayed Σ weight × (agreed − expected) over the pair's UN drafts
 * @param voteInformative     decayed Σ weight over the pair's contested drafts (expected &lt; 1)
 */
@JsonIgnoreProperties(value = {"tone", "agreementExcess", "cooperationShare", "materialShare"}, allowGetters = true)
// One order for the derived fields too: without it they followed reflection order, which differs between JVM runs,
// so the same state was written as different bytes (KillRestartProcessTest compared a restarted demo's answer).
@JsonPropertyOrder({"curated", "toneSum", "toneVolume", "verbalCooperation", "materialCooperation", "verbalConflict",
        "materialConflict", "voteSurprise", "voteInformative", "tone", "cooperationShare", "materialShare", "agreementExcess"})
public record ChannelSums(double curated, double toneSum, double toneVolume, double verbalCooperation, double materialCooperation,
                          double verbalConflict, double materialConflict, double voteSurprise, double voteInformative) {
    /** No contribution at all. */
    public static final ChannelSums ZERO = new ChannelSums(0, 0, 0, 0, 0, 0, 0, 0, 0);
    /** How many components the vector has. */
    public static final int SIZE = 9;

    public ChannelSums {
        nonNegative(toneVolume, "toneVolume");
        nonNegative(verbalCooperation, "verbalCooperation");
        nonNegative(materialCooperation, "materialCooperation");
        nonNegative(verbalConflict, "verbalConflict");
        nonNegative(materialConflict, "materialConflict");
        nonNegative(voteInformative, "voteInformative");
    }

    /** @return a curated impulse alone */
    public static ChannelSums curated(double impulse) {
        return new ChannelSums(impulse, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * @param weight    the event's weight (its confidence)
     * @param goldstein its Goldstein value
     * @param quadClass its CAMEO quad class, 1..4, or 0 when unknown
     * @return one coded event's contribution
     */
    public static ChannelSums coded(double weight, double goldstein, int quadClass) {
        return new ChannelSums(0, weight * goldstein, weight, quadClass == 1 ? weight : 0, quadClass == 2 ? weight : 0,
                quadClass == 3 ? weight : 0, quadClass == 4 ? weight : 0, 0, 0);
    }

    /**
     * @param weight   the draft's weight (body weight × confidence)
     * @param agreed   whether the pair agreed
     * @param expected the chance of agreeing as they did, given the body's votes (1 on a unanimous draft)
     * @return one UN draft's contribution to a voter pair
     */
    public static ChannelSums vote(double weight, boolean agreed, double expected) {
        double informative = expected < 1 ? weight : 0;
        return new ChannelSums(0, 0, 0, 0, 0, 0, 0, weight * ((agreed ? 1 : 0) - expected), informative);
    }

    /** @return the component-wise sum */
    public ChannelSums plus(ChannelSums o) {
        return new ChannelSums(curated + o.curated, toneSum + o.toneSum, toneVolume + o.toneVolume, verbalCooperation + o.verbalCooperation,
                materialCooperation + o.materialCooperation, verbalConflict + o.verbalConflict, materialConflict + o.materialConflict,
                voteSurprise + o.voteSurprise, voteInformative + o.voteInformative);
    }

    /**
     * @return the component-wise difference; volumes that rounding would take below zero are 0 (a
     *         sum minus its own parts)
     */
    public ChannelSums minus(ChannelSums o) {
        return new ChannelSums(curated - o.curated, toneSum - o.toneSum, clip(toneVolume - o.toneVolume),
                clip(verbalCooperation - o.verbalCooperation), clip(materialCooperation - o.materialCooperation),
                clip(verbalConflict - o.verbalConflict), clip(materialConflict - o.materialConflict), voteSurprise - o.voteSurprise,
                clip(voteInformative - o.voteInformative));
    }

    /** @return every component times {@code factor} (a decay factor carries the vector in time) */
    public ChannelSums times(double factor) {
        return times(factor, factor);
    }

    /**
     * @param factor     the factor of the curated and agreement components
     * @param toneFactor the factor of the tone components (the tone may have a half-life of its own)
     * @return the vector scaled channel by channel
     */
    public ChannelSums times(double factor, double toneFactor) {
        return new ChannelSums(curated * factor, toneSum * toneFactor, toneVolume * toneFactor, verbalCooperation * toneFactor,
                materialCooperation * toneFactor, verbalConflict * toneFactor, materialConflict * toneFactor, voteSurprise * factor,
                voteInformative * factor);
    }

    /** @return the decayed mean Goldstein value of the coded events (−10..+10, rounding clipped), or null without any */
    @JsonProperty("tone")
    public Double tone() {
        return toneVolume > 0 ? Math.max(-10, Math.min(10, toneSum / toneVolume)) : null;
    }

    /** @return the decayed share of cooperation (quad classes 1 and 2) in the coded volume, or null */
    @JsonProperty("cooperationShare")
    public Double cooperationShare() {
        double quads = verbalCooperation + materialCooperation + verbalConflict + materialConflict;
        return quads > 0 ? Math.min(1, (verbalCooperation + materialCooperation) / quads) : null;
    }

    /** @return the decayed share of material acts (quad classes 2 and 4) in the coded volume, or null */
    @JsonProperty("materialShare")
    public Double materialShare() {
        double quads = verbalCooperation + materialCooperation + verbalConflict + materialConflict;
        return quads > 0 ? Math.min(1, (materialCooperation + materialConflict) / quads) : null;
    }

    /**
     * How much more (or less) the pair agrees than the body's votes would have them agree, per
     * contested draft: {@code voteSurprise / voteInformative}, in −1..+1, or null before any
     * contested draft.
     */
    @JsonProperty("agreementExcess")
    public Double agreementExcess() {
        return voteInformative > 0 ? Math.max(-1, Math.min(1, voteSurprise / voteInformative)) : null;
    }

    private static double clip(double v) {
        return v < 0 ? 0 : v;
    }

    private static void nonNegative(double v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + v);
        }
    }
}
