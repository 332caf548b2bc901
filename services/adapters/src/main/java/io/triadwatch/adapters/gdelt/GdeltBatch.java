package io.triadwatch.adapters.gdelt;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One 15-minute GDELT 2.0 export, identified by the UTC timestamp in its file name
 * ({@code 20150218230000.export.CSV.zip}).
 *
 * @param timestamp the batch's {@code yyyyMMddHHmmss} timestamp; batches order by it
 * @param url       where it is published
 * @param size      its size in bytes as the index lists it, or -1 when unknown (a batch derived to
 *                  fill a gap, not listed in the index)
 * @param md5       its MD5 in hex as the index lists it, or null when unknown
 */
public record GdeltBatch(String timestamp, URI url, long size, String md5) implements Comparable<GdeltBatch> {
    /** GDELT 2.0 publishes one export every 15 minutes. */
    public static final int MINUTES = 15;

    private static final Pattern EXPORT_NAME = Pattern.compile("([0-9]{14})\\.export\\.csv\\.zip$", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    public GdeltBatch {
        Objects.requireNonNull(url, "url");
        if (timestamp == null || !timestamp.matches("[0-9]{14}")) {
            throw new IllegalArgumentException("timestamp must be yyyyMMddHHmmss, got '" + timestamp + "'");
        }
        time(timestamp);
    }

    /**
     * @return the export batch a URL names, when its file name is {@code <yyyyMMddHHmmss>.export.CSV.zip}
     */
    public static Optional<GdeltBatch> fromUrl(URI url, long size, String md5) {
        Matcher m = EXPORT_NAME.matcher(url.getPath() == null ? "" : url.getPath());
        return m.find() ? Optional.of(new GdeltBatch(m.group(1), url, size, md5)) : Optional.empty();
    }

    /** @return the batch's time (UTC) */
    public LocalDateTime time() {
        return time(timestamp);
    }

    /**
     * @param time another batch time (UTC)
     * @return the batch of that time at the same place (this URL with the timestamp replaced), size
     *         and MD5 unknown
     */
    public GdeltBatch at(LocalDateTime time) {
        String stamp = time.format(STAMP);
        String text = url.toString();
        int at = text.lastIndexOf(timestamp);
        return new GdeltBatch(stamp, URI.create(text.substring(0, at) + stamp + text.substring(at + timestamp.length())), -1, null);
    }

    @Override
    public int compareTo(GdeltBatch other) {
        return timestamp.compareTo(other.timestamp);
    }

    private static LocalDateTime time(String stamp) {
        try {
            return LocalDateTime.parse(stamp, STAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + stamp + "' is not a valid yyyyMMddHHmmss time", e);
        }
    }
}
