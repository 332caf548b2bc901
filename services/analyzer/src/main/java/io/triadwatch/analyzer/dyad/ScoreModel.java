package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.impulse.ImpulseTable;
import io.triadwatch.model.state.ChannelSums;
import java.util.Objects;

/**
 * Turns a dyad's {@link ChannelSums} into its raw sum and its score: {@code score = tanh(raw / scale)},
 * where (docs/analytic-model.md §3)
 * <pre>
 *   raw = curated
 *       + toneScale      × toneSum / (toneVolume + tonePrior)
 *       + agreementScale × agreementExcess × voteInformative / (voteInformative + agreementPrior)
 * </pre>
 * The tone term is the decayed mean Goldstein value of the coded news, shrunk towards 0 while there
 * is little of it; repeating the same reports changes it by at most {@code tonePrior} relative, and
 * however much news there is it adds at most {@code 10 × toneScale}. The agreement term is the
 * pair's excess agreement on contested UN drafts, shrunk while there are few. With the v1 table
 * ({@link ImpulseTable#channels()} absent) every impulse is curated and {@code raw = curated}.
 * Immutable, thread-safe.
 *
 * @param scale    the raw sum that maps to tanh(1) ≈ 0.76, positive
 * @param channels the channel weights, or null for the v1 linear model
 */
public record ScoreModel(double scale, ImpulseTable.ChannelWeights channels) {
    public ScoreModel {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("score scale must be positive, got " + scale);
        }
    }

    /** @return the raw sum behind the score of {@code sums} */
    public double raw(ChannelSums sums) {
        Objects.requireNonNull(sums, "sums");
        if (channels == null) {
            return sums.curated() + sums.toneSum() + sums.voteSurprise();
        }
        double raw = sums.curated();
        if (sums.toneVolume() > 0) {
            raw += channels.toneScale() * sums.toneSum() / (sums.toneVolume() + channels.tonePrior());
        }
        Double excess = sums.agreementExcess();
        if (excess != null) {
            raw += channels.agreementScale() * excess * sums.voteInformative() / (sums.voteInformative() + channels.agreementPrior());
        }
        return raw;
    }

    /** @return the score of {@code sums}, −1..+1 */
    public double of(ChannelSums sums) {
        return Math.tanh(raw(sums) / scale);
    }
}
