package io.triadwatch.serde.binary;

import io.triadwatch.model.state.ChannelSums;

/**
 * The binary form of {@link ChannelSums}: its nine components as raw double bits, in declaration
 * order, so a vector reads back exactly equal. One copy for every store and internal topic that
 * carries channel sums.
 */
public final class ChannelSumsCodec {
    private ChannelSumsCodec() {
    }

    /** Writes {@code c}. */
    public static void write(BinaryWriter out, ChannelSums c) {
        out.writeDouble(c.curated());
        out.writeDouble(c.toneSum());
        out.writeDouble(c.toneVolume());
        out.writeDouble(c.verbalCooperation());
        out.writeDouble(c.materialCooperation());
        out.writeDouble(c.verbalConflict());
        out.writeDouble(c.materialConflict());
        out.writeDouble(c.voteSurprise());
        out.writeDouble(c.voteInformative());
    }

    /**
     * @return a vector written by {@link #write}
     * @throws MalformedBinaryException when the bytes end early or a component is out of its range
     */
    public static ChannelSums read(BinaryReader in) {
        double[] v = new double[ChannelSums.SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        try {
            return new ChannelSums(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        } catch (IllegalArgumentException e) {
            throw new MalformedBinaryException("malformed channel sums: " + e.getMessage());
        }
    }
}
