package io.triadwatch.delivery.feed;

import io.triadwatch.model.alert.Alert;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The feed's memory: a ring of the last {@code capacity} records by sequence number, and for every
 * fingerprint its last {@code historyCap} records. Thread-safe: one writer (the feed thread), many
 * readers; readers get copies.
 */
final class FeedStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final FeedEntry[] ring;
    private final int historyCap;
    private final Map<String, ArrayDeque<FeedEntry>> byFingerprint = new HashMap<>();
    /** Per partition, the offset after the newest record dropped from the ring. */
    private final Map<Integer, Long> droppedBelow = new HashMap<>();
    private long nextSeq = 1;
    private long oldestSeq = 1;
    private boolean closed;

    FeedStore(int capacity, int historyCap) {
        this.ring = new FeedEntry[capacity];
        this.historyCap = historyCap;
    }

    FeedEntry append(int partition, long offset, Alert alert, String json) {
        lock.lock();
        try {
            FeedEntry entry = new FeedEntry(nextSeq, partition, offset, alert, json);
            if (nextSeq - oldestSeq == ring.length) {
                FeedEntry dropped = slot(oldestSeq);
                droppedBelow.merge(dropped.partition(), dropped.offset() + 1, Math::max);
                oldestSeq++;
            }
            ring[(int) (nextSeq % ring.length)] = entry;
            nextSeq++;
            ArrayDeque<FeedEntry> history = byFingerprint.computeIfAbsent(alert.fingerprint(), k -> new ArrayDeque<>());
            history.addLast(entry);
            if (history.size() > historyCap) {
                history.removeFirst();
            }
            appended.signalAll();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** @return up to {@code max} entries with a sequence number above {@code seq}, oldest first */
    List<FeedEntry> after(long seq, int max) {
        lock.lock();
        try {
            long from = Math.max(seq + 1, oldestSeq);
            long to = Math.min(nextSeq, from + max);
            List<FeedEntry> entries = new ArrayList<>((int) Math.max(0, to - from));
            for (long s = from; s < to; s++) {
                entries.add(slot(s));
            }
            return entries;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an entry after {@code seq} exists, the store closes, or {@code timeout} passes.
     *
     * @return whether an entry after {@code seq} exists
     */
    boolean awaitAfter(long seq, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (nextSeq - 1 <= seq && !closed && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            return nextSeq - 1 > seq;
        } finally {
            lock.unlock();
        }
    }

    long oldestSeq() {
        lock.lock();
        try {
            return oldestSeq;
        } finally {
            lock.unlock();
        }
    }

    long lastSeq() {
        lock.lock();
        try {
            return nextSeq - 1;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether records that {@code position} has not seen were dropped from the ring */
    boolean droppedUnseen(FeedPosition position) {
        lock.lock();
        try {
            return droppedBelow.entrySet().stream().anyMatch(e -> e.getValue() > position.next(e.getKey()));
        } finally {
            lock.unlock();
        }
    }

    /** @return the newest entry per fingerprint */
    Map<String, FeedEntry> current() {
        lock.lock();
        try {
            Map<String, FeedEntry> current = new LinkedHashMap<>();
            byFingerprint.forEach((fingerprint, history) -> current.put(fingerprint, history.getLast()));
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** @return the kept entries of {@code fingerprint}, newest first; empty when unknown */
    List<FeedEntry> history(String fingerprint) {
        lock.lock();
        try {
            ArrayDeque<FeedEntry> history = byFingerprint.get(fingerprint);
            if (history == null) {
                return List.of();
            }
            List<FeedEntry> newestFirst = new ArrayList<>(history.size());
            history.descendingIterator().forEachRemaining(newestFirst::add);
            return newestFirst;
        } finally {
            lock.unlock();
        }
    }

    /** @return the newest kept entry of every (fingerprint, episode) pair */
    List<FeedEntry> episodes() {
        lock.lock();
        try {
            List<FeedEntry> episodes = new ArrayList<>();
            for (ArrayDeque<FeedEntry> history : byFingerprint.values()) {
                Set<Long> seen = new HashSet<>();
                for (Iterator<FeedEntry> it = history.descendingIterator(); it.hasNext(); ) {
                    FeedEntry entry = it.next();
                    if (seen.add(entry.alert().episode())) {
                        episodes.add(entry);
                    }
                }
            }
            return episodes;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter for good. */
    void close() {
        lock.lock();
        try {
            closed = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private FeedEntry slot(long seq) {
        return ring[(int) (seq % ring.length)];
    }
}
