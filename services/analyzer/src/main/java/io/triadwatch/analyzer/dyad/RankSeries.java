package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.RankSignal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The visits of one (host, guest, occasion) series, oldest first: the protocol baseline.
 * A visit is judged against the mean weight of the visits before it in event time.
 *
 * @param visits the visits, oldest first
 */
public record RankSeries(List<SeriesVisit> visits) {
    /** Direction of a visit far below its baseline. */
    public static final String DROP = "DROP";
    /** Direction of a visit far above its baseline. */
    public static final String RISE = "RISE";
    /** Direction of a visit near its baseline. */
    public static final String IN_LINE = "IN_LINE";
    /** Direction of a visit with nothing before it (or outside any series). */
    public static final String NO_BASELINE = "NO_BASELINE";

    public RankSeries {
        visits = visits == null ? List.of() : List.copyOf(visits);
    }

    /** @return this series with {@code visit} inserted in event-time order, keeping the newest {@code keep} */
    public RankSeries with(SeriesVisit visit, int keep) {
        List<SeriesVisit> next = new ArrayList<>(visits);
        next.removeIf(v -> v.eventId().equals(visit.eventId()));
        next.add(visit);
        next.sort(Comparator.comparing(SeriesVisit::occurredAt).thenComparing(SeriesVisit::eventId));
        while (next.size() > keep) {
            next.remove(0);
        }
        return new RankSeries(next);
    }

    /** @return the visits of this series after {@code visit} in event time */
    public List<SeriesVisit> after(SeriesVisit visit) {
        return visits.stream().filter(v -> visit.before(v)).toList();
    }

    /**
     * Judges {@code visit} against the visits before it.
     *
     * @param series    the series id, {@code HOST:GUEST:OCCASION}
     * @param threshold how far from the baseline weight counts as a drop or rise
     */
    public RankSignal signal(String series, SeriesVisit visit, double threshold) {
        List<SeriesVisit> earlier = visits.stream().filter(v -> v.before(visit)).toList();
        if (earlier.isEmpty()) {
            return new RankSignal(visit.eventId(), series, visit.head(), visit.weight(), visit.rankLabel(), visit.rankSource(), null, null, NO_BASELINE, List.of());
        }
        double baseline = earlier.stream().mapToDouble(SeriesVisit::weight).average().orElseThrow();
        double gap = visit.weight() - baseline;
        String direction = gap <= -threshold ? DROP : gap >= threshold ? RISE : IN_LINE;
        return new RankSignal(visit.eventId(), series, visit.head(), visit.weight(), visit.rankLabel(), visit.rankSource(), baseline, gap, direction,
                earlier.stream().map(SeriesVisit::cited).toList());
    }

    /** @return a signal for a visit that belongs to no series */
    public static RankSignal outsideSeries(String series, SeriesVisit visit) {
        return new RankSignal(visit.eventId(), series, visit.head(), visit.weight(), visit.rankLabel(), visit.rankSource(), null, null, NO_BASELINE, List.of());
    }
}
