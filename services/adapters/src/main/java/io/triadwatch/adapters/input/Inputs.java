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
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Opens inputs: ZIP detection by magic number, UTF-8 decoding, byte-order mark removal. */
public final class Inputs {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int BUFFER = 64 * 1024;

    private Inputs() {
    }

    /**
     * Returns the content to parse: the input itself, or, when it is a ZIP archive (detected by its
     * magic number, not its name), the first file in it. GDELT publishes each 15-minute export as a
     * ZIP holding one CSV.
     *
     * @throws IOException when the input is a ZIP without any file
     */
    public static InputStream content(InputStream in, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(ZIP_MAGIC.length);
        byte[] head = buffered.readNBytes(ZIP_MAGIC.length);
        buffered.reset();
        if (!java.util.Arrays.equals(head, ZIP_MAGIC)) {
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
