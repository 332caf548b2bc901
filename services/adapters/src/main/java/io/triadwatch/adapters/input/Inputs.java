package io.triadwatch.adapters.input;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Opens inputs: ZIP and gzip detection by magic number, UTF-8 decoding, byte-order mark removal. */
public final class Inputs {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
    private static final int BUFFER = 64 * 1024;
    /** How much text {@link #firstLine} looks at: ample for any header or first record, bounded for a binary file. */
    private static final int FIRST_LINE_CHARS = 64 * 1024;

    private Inputs() {
    }

    /**
     * Returns the content to parse: the input itself; or, when it is a ZIP archive, the first file in
     * it; or, when it is gzip-compressed, its decompressed bytes (every gzip member, as {@code zcat}
     * gives them). Both are detected by their magic number, not by the file's name. GDELT publishes
     * each 15-minute export as a ZIP holding one CSV; the six-month ICEWS file is a {@code .tsv.gz}.
     *
     * @throws IOException when the input is a ZIP without any file, or a broken gzip header
     */
    public static InputStream content(InputStream in, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(ZIP_MAGIC.length);
        byte[] head = buffered.readNBytes(ZIP_MAGIC.length);
        buffered.reset();
        if (head.length >= GZIP_MAGIC.length && Arrays.equals(head, 0, GZIP_MAGIC.length, GZIP_MAGIC, 0, GZIP_MAGIC.length)) {
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        }
        if (!Arrays.equals(head, ZIP_MAGIC)) {
            return buffered;
        }
        ZipInputStream zip = new ZipInputStream(buffered);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory()) {
                return zip;
            }
        }
        zip.close();
        throw new IOException(name + ": ZIP archive holds no file");
    }

    /**
     * Reads the first line of a file that is not blank, the way the adapters would see it: ZIP and
     * gzip unpacked, decoded as UTF-8, byte-order mark removed, line end dropped. Only the first
     * {@value #FIRST_LINE_CHARS} characters are looked at, so a huge or binary file costs little;
     * a longer first line is returned cut there.
     *
     * @return the line, or empty when the file has no non-blank text in that span
     * @throws IOException when the file cannot be read or its archive is broken
     */
    public static Optional<String> firstLine(Path file) throws IOException {
        try (Reader reader = utf8(content(Files.newInputStream(file), file.getFileName().toString()))) {
            char[] text = new char[FIRST_LINE_CHARS];
            int length = 0;
            for (int n; length < text.length && (n = reader.read(text, length, text.length - length)) != -1; ) {
                length += n;
            }
            return new String(text, 0, length).lines().filter(line -> !line.isBlank()).findFirst();
        }
    }

    /**
     * Reads a UTF-8 text resource shipped next to {@code owner}, as lines.
     *
     * @throws IllegalStateException when the resource is missing from the jar
     * @throws UncheckedIOException  when it cannot be read
     */
    public static List<String> resourceLines(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing next to " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /**
     * Decodes UTF-8 (malformed bytes become U+FFFD instead of failing the run) and drops a leading
     * byte-order mark.
     */
    public static Reader utf8(InputStream in) throws IOException {
        PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
