package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.BaselineVisit;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DeltaBaseline;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.RankSignal;
import io.triadwatch.model.state.VotingRecord;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.ChannelSumsCodec;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.serde.binary.MalformedBinaryException;

/**
 * The binary form of the {@link DyadState} inside a {@link DyadAggregate} (see
 * {@link DyadAggregateCodec}): every field in declaration order, each nullable one behind a presence
 * byte, so that the state reads back equal to the one written. Records are rebuilt through their
 * constructors, so their checks run as they did for JSON.
 * <p>
 * An {@link EventKind} is written by name, not ordinal: adding or reordering kinds does not change
 * what a stored value means, and an unknown name fails the read.
 */
final class DyadStateCodec {
    private DyadStateCodec() {
    }

    static void write(BinaryWriter out, DyadState s) {
        out.writeString(s.dyad());
        out.writeDouble(s.score());
        out.writeDouble(s.previousScore());
        out.writeDouble(s.delta());
        out.writeDouble(s.rawSum());
        out.writeInstant(s.asOf());
        out.writeLong(s.eventCount());
        out.writeString(s.lastEventId());
        out.writeInstant(s.lastEventAt());
        writeKind(out, s.lastEventKind());
        out.writeString(s.lastTrigger());
        out.writeList(s.contributions(), DyadStateCodec::writeContribution);
        out.writeOptional(s.baseline(), DyadStateCodec::writeBaseline);
        out.writeOptional(s.rankSignal(), DyadStateCodec::writeRankSignal);
        out.writeOptional(s.voting(), DyadStateCodec::writeVoting);
        out.writeInstant(s.updatedAt());
        out.writeInstant(s.eventAppendedAt());
        out.writeOptional(s.channels(), ChannelSumsCodec::write);
    }

    /** @param withChannels false for values written before states carried channel sums (aggregate version 1) */
    static DyadState read(BinaryReader in, boolean withChannels) {
        return new DyadState(in.readString(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readInstant(),
                in.readLong(), in.readString(), in.readInstant(), readKind(in), in.readString(), in.readList(DyadStateCodec::readContribution),
                in.readOptional(DyadStateCodec::readBaseline), in.readOptional(DyadStateCodec::readRankSignal),
                in.readOptional(DyadStateCodec::readVoting), in.readInstant(), in.readInstant(),
                withChannels ? in.readOptional(ChannelSumsCodec::read) : null);
    }

    private static void writeContribution(BinaryWriter out, Contribution c) {
        out.writeString(c.eventId());
        writeKind(out, c.kind());
        out.writeInstant(c.occurredAt());
        out.writeDouble(c.impulse());
        out.writeDouble(c.weight());
        out.writeString(c.summary());
    }

    private static Contribution readContribution(BinaryReader in) {
        return new Contribution(in.readString(), readKind(in), in.readInstant(), in.readDouble(), in.readDouble(), in.readString());
    }

    private static void writeBaseline(BinaryWriter out, DeltaBaseline b) {
        out.writeLong(b.count());
        out.writeDouble(b.mean());
        out.writeDouble(b.stddev());
        out.writeList(b.recent(), BinaryWriter::writeDouble);
        out.writeOptional(b.zScore(), BinaryWriter::writeDouble);
        out.writeOptional(b.percentile(), BinaryWriter::writeDouble);
    }

    private static DeltaBaseline readBaseline(BinaryReader in) {
        return new DeltaBaseline(in.readLong(), in.readDouble(), in.readDouble(), in.readList(BinaryReader::readDouble),
                in.readOptional(BinaryReader::readDouble), in.readOptional(BinaryReader::readDouble));
    }

    private static void writeRankSignal(BinaryWriter out, RankSignal r) {
        out.writeString(r.eventId());
        out.writeString(r.series());
        out.writeString(r.head());
        out.writeDouble(r.weight());
        out.writeString(r.rankLabel());
        out.writeString(r.rankSource());
        out.writeOptional(r.baselineWeight(), BinaryWriter::writeDouble);
        out.writeOptional(r.gap(), BinaryWriter::writeDouble);
        out.writeString(r.direction());
        out.writeList(r.baselineVisits(), DyadStateCodec::writeVisit);
    }

    private static void writeVisit(BinaryWriter out, BaselineVisit v) {
        out.writeString(v.eventId());
        out.writeInstant(v.occurredAt());
        out.writeString(v.head());
        out.writeDouble(v.weight());
        out.writeString(v.rankLabel());
    }

    private static RankSignal readRankSignal(BinaryReader in) {
        return new RankSignal(in.readString(), in.readString(), in.readString(), in.readDouble(), in.readString(), in.readString(),
                in.readOptional(BinaryReader::readDouble), in.readOptional(BinaryReader::readDouble), in.readString(), in.readList(DyadStateCodec::readVisit));
    }

    private static BaselineVisit readVisit(BinaryReader in) {
        return new BaselineVisit(in.readString(), in.readInstant(), in.readString(), in.readDouble(), in.readString());
    }

    private static void writeVoting(BinaryWriter out, VotingRecord v) {
        out.writeInt(v.together());
        out.writeInt(v.total());
        out.writeString(v.lastDraft());
        out.writeOptional(v.agreedLast(), BinaryWriter::writeBoolean);
        out.writeString(v.lastEventId());
    }

    private static VotingRecord readVoting(BinaryReader in) {
        return new VotingRecord(in.readInt(), in.readInt(), in.readString(), in.readOptional(BinaryReader::readBoolean), in.readString());
    }

    /** Writes an event kind, or null, by name. */
    static void writeKind(BinaryWriter out, EventKind kind) {
        out.writeString(kind == null ? null : kind.name());
    }

    /** @return a kind written by {@link #writeKind}, or null */
    static EventKind readKind(BinaryReader in) {
        String name = in.readString();
        if (name == null) {
            return null;
        }
        try {
            return EventKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new MalformedBinaryException("unknown event kind " + name);
        }
    }
}
