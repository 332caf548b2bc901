package io.triadwatch.ingest.file;

import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Rejection;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads canonical events, one JSON object per line, into an {@link IngestRun}. Blank lines are
 * ignored. An event outside the run's event-time window is a bad line ({@code OUT_OF_RANGE}). Each bad line is reported as {@code NAME:LINE: REASON at FIELD: detail} and sent to the
 * DLQ with the source {@code CHANNEL:NAME:LINE}; the reading goes on.
 * <p>
 * Read from bytes ({@link #feed(InputStream, String, IngestRun, Consumer)}), each line must be
 * UTF-8 (RFC 8259): a line with a malformed sequence is a bad line ({@code INVALID_JSON}, saying at
 * which byte), its bytes go to the DLQ unchanged, and the next line is read. Nothing is decoded
 * with substitutes, and one mis-encoded line does not stop the file.
 */
public final class JsonlSource {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private JsonlSource() {
    }

    /**
     * @param reader the lines
     * @param name   the input's name in messages (a file name)
     * @param errors receives one line per rejected input
     */
    public static void feed(BufferedReader reader, String name, IngestRun run, Consumer<String> errors) throws IOException {
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line(line.getBytes(StandardCharsets.UTF_8), name + ":" + number, run, errors);
        }
    }

    /**
     * Reads lines of bytes (ended by LF or CRLF; a UTF-8 byte-order mark at the start is dropped),
     * checking each for UTF-8 on its own.
     *
     * @param in     the bytes (already unpacked)
     * @param name   the input's name in messages (a file name)
     * @param errors receives one line per rejected input
     */
    public static void feed(InputStream in, String name, IngestRun run, Consumer<String> errors) throws IOException {
        BufferedInputStream bytes = new BufferedInputStream(in, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long number = 0;
        for (int b = bytes.read(); ; b = bytes.read()) {
            if (b == -1 || b == '\n') {
                if (b == -1 && line.size() == 0) {
                    return;
                }
                number++;
                byte[] raw = line.toByteArray();
                line.reset();
                int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                int start = number == 1 && end >= 3 && Arrays.equals(raw, 0, 3, UTF8_BOM, 0, 3) ? 3 : 0;
                byte[] content = start == 0 && end == raw.length ? raw : Arrays.copyOfRange(raw, start, end);
                String malformed = malformedAt(content);
                if (malformed != null) {
                    reject(content, new Rejection(RejectReason.INVALID_JSON, "$", "the line is not UTF-8: " + malformed, null), name + ":" + number, run, errors);
                } else {
                    line(content, name + ":" + number, run, errors);
                }
                if (b == -1) {
                    return;
                }
            } else {
                line.write(b);
            }
        }
    }

    private static void line(byte[] raw, String where, IngestRun run, Consumer<String> errors) {
        if (isBlank(raw)) {
            return;
        }
        Decoded<Event> decoded = run.admit(Codecs.events().decode(raw));
        if (decoded.accepted()) {
            run.event(decoded.value());
        } else {
            reject(raw, decoded.rejection(), where, run, errors);
        }
    }

    private static void reject(byte[] raw, Rejection r, String where, IngestRun run, Consumer<String> errors) {
        errors.accept(where + ": " + r.reason() + " at " + r.field() + ": " + r.detail());
        run.rejected(raw, r, run.channel() + ":" + where);
    }

    /** @return where {@code raw} stops being UTF-8 ("N malformed byte(s) at offset X"), or null when it is UTF-8 */
    private static String malformedAt(byte[] raw) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(raw.length), true);
        return result.isError() ? result.length() + " malformed byte(s) at offset " + in.position() : null;
    }

    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }
}
