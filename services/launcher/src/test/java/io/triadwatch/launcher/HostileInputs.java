package io.triadwatch.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A seeded generator of hostile event bodies — malformed, oversized, deeply nested, wrong-typed,
 * mis-encoded, far-dated, duplicate and injection-laden — with valid events interleaved. The same
 * seed gives the same inputs in the same order.
 * <p>
 * Valid events move only the dyads of {@link #VALID_ACTORS} and carry ids {@code valid-…}; hostile
 * inputs that happen to be acceptable (an injection string in a summary, a 1950 date) use only
 * {@link #HOSTILE_ACTORS}, so the dyads of the valid events count exactly the valid events.
 */
final class HostileInputs {
    /** What an input is meant to test. */
    enum Category { VALID, MALFORMED, OVERSIZED, DEEPLY_NESTED, WRONG_TYPED, MIS_ENCODED, FAR_DATED, DUPLICATE, INJECTION }

    /** One input: its category, its bytes, and for a valid event its id and dyad. */
    record Input(Category category, byte[] body, String validId, String dyad) {
        boolean valid() {
            return category == Category.VALID;
        }
    }

    static final List<String> VALID_ACTORS = List.of("ISL", "NZL", "NOR", "FIN");
    static final List<String> HOSTILE_ACTORS = List.of("CHN", "RUS", "USA", "PRK", "JPN", "KOR");
    static final List<String> INJECTIONS = List.of("'; DROP TABLE events; --", "\" OR \"1\"=\"1", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1/a}",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%s%s%s%n%x", "\r\nX-Injected: 1\r\n", "\u202Egnp.exe", "{{7*7}}", "$(rm -rf /)", "`id`",
            "__proto__", "constructor", "1e309", "\uFEFFbom", "\u0007\u001b[31mred", "😀🇰🇵", "NaN", "null", "<!ENTITY x SYSTEM \"file:///etc/passwd\">",
            "' UNION SELECT * FROM officials --", "\\u0000", "a".repeat(300));
    static final List<String> FAR_DATES = List.of("9999-12-31", "0001-01-01", "2262-04-12", "2038-01-19T03:14:08Z", "1970-01-01", "1899-12-31",
            "+10000-01-01", "-0001-01-01", "2024-02-30", "2024-13-01", "2024-01-01T25:00:00Z", "1900-01-01", "1950-06-25", "2099-01-01",
            "2024-06-01T00:00:00+14:00", "1969-12-31T23:59:59Z", "2024-06-01T00:00:00.123456789Z", "20240601", "");

    private final SplittableRandom random;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final List<byte[]> validSent = new ArrayList<>();
    private final List<byte[]> schemaInvalid;
    private long sequence;

    /**
     * @param seed       the seed
     * @param projectDir the repository root, for the schema's invalid examples (wrong-typed inputs)
     */
    HostileInputs(long seed, Path projectDir) {
        this.random = new SplittableRandom(seed);
        this.schemaInvalid = readExamples(projectDir.resolve("schemas/examples/event.v1/invalid"));
    }

    /** @return a valid coded event between two of {@link #VALID_ACTORS}, dated in the last five days */
    Input valid(String channel) {
        String a = pick(VALID_ACTORS);
        String b = pick(VALID_ACTORS.stream().filter(x -> !x.equals(a)).toList());
        String id = "valid-" + channel + "-" + (sequence++);
        byte[] body = Json.bytes(base(id, today.minusDays(random.nextInt(5)).toString(), a, b));
        validSent.add(body);
        return new Input(Category.VALID, body, id, a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
    }

    /** Forgets a valid input that was made but not sent, so no duplicate of it is sent either (it would be its first copy). */
    void unsent(Input input) {
        validSent.remove(input.body());
    }

    /**
     * @param oneLine true when the input must fit on one line (JSONL): no raw line feed
     * @param maxBytes the largest body to make (oversized inputs stay below it)
     * @return the next input: one in ten is valid
     */
    Input next(String channel, boolean oneLine, int maxBytes) {
        if (random.nextInt(10) == 0) {
            return valid(channel);
        }
        Category category = Category.values()[1 + random.nextInt(Category.values().length - 1)];
        return new Input(category, hostile(category, channel, oneLine, maxBytes), null, null);
    }

    private byte[] hostile(Category category, String channel, boolean oneLine, int maxBytes) {
        String id = "h-" + channel + "-" + (sequence++);
        ObjectNode event = base(id, today.minusDays(random.nextInt(5)).toString(), pick(HOSTILE_ACTORS), null);
        return switch (category) {
            case MALFORMED -> malformed(event);
            case OVERSIZED -> oversized(event, maxBytes);
            case DEEPLY_NESTED -> nested(event);
            case WRONG_TYPED -> wrongTyped(event);
            case MIS_ENCODED -> misEncoded(event, oneLine);
            case FAR_DATED -> {
                event.put("occurredAt", random.nextInt(8) == 0 ? today.plusDays(2 + random.nextInt(4000)).toString() : pick(FAR_DATES));
                yield Json.bytes(event);
            }
            case DUPLICATE -> duplicate(event);
            case INJECTION -> injection(event);
            case VALID -> throw new IllegalArgumentException("not hostile");
        };
    }

    private byte[] malformed(ObjectNode event) {
        String json = Json.string(event);
        return utf8(switch (random.nextInt(14)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> "";
            case 2 -> pick(List.of("{", "}", "[", "]", "null", "true", "0", "\"x\"", "[]", "{}", " ", "-", "1e99999"));
            case 3 -> json.replace("\"", "'");
            case 4 -> json + json;
            case 5 -> json.replaceFirst(",", ",,");
            case 6 -> "/* comment */" + json;
            case 7 -> json.replace("}", ",}");
            case 8 -> json.replaceFirst(":", "");
            case 9 -> json + " trailing";
            case 10 -> "{\"id\":}";
            case 11 -> json.replace("\"cameo\":\"042\"", "\"cameo\":NaN");
            case 12 -> randomPrintable(1 + random.nextInt(200));
            default -> "[" + json + "]";
        });
    }

    private byte[] oversized(ObjectNode event, int maxBytes) {
        int size = Math.min(maxBytes, 65 * 1024 + random.nextInt(64 * 1024));
        switch (random.nextInt(4)) {
            case 0 -> event.put("summary", "x".repeat(size));
            case 1 -> event.put("id", "h" + "x".repeat(Math.min(size, 10_000)));
            case 2 -> {
                var parties = event.putArray("parties");
                for (int i = 0; i < size / 6; i++) {
                    parties.add("CHN");
                }
            }
            default -> {
                return utf8(Json.string(event).replace("\"cameo\":\"042\"", "\"cameo\":\"042\",\"goldstein\":1" + "1".repeat(Math.min(size, 20_000))));
            }
        }
        return Json.bytes(event);
    }

    private byte[] nested(ObjectNode event) {
        int depth = pick(List.of(600, 1_001, 5_000, 50_000));
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nest = open.repeat(depth) + "1" + close.repeat(depth);
        return utf8(random.nextBoolean() ? nest : Json.string(event).replace("\"cameo\":\"042\"", "\"cameo\":\"042\",\"extra\":" + nest));
    }

    private byte[] wrongTyped(ObjectNode event) {
        if (!schemaInvalid.isEmpty() && random.nextInt(4) == 0) {
            return schemaInvalid.get(random.nextInt(schemaInvalid.size()));
        }
        String field = pick(List.of("id", "kind", "occurredAt", "actor1", "actor2", "cameo", "goldstein", "mentions", "source", "summary", "confidence"));
        switch (random.nextInt(8)) {
            case 0 -> event.put(field, 42);
            case 1 -> event.put(field, true);
            case 2 -> event.putNull(field);
            case 3 -> event.putArray(field).add("CHN");
            case 4 -> event.putObject(field).put("nested", 1);
            case 5 -> event.put(field, -1.5e300);
            case 6 -> event.remove(field);
            default -> event.put("unexpected" + random.nextInt(5), "field");
        }
        return Json.bytes(event);
    }

    private byte[] misEncoded(ObjectNode event, boolean oneLine) {
        event.put("summary", "pr__BAD__obe");
        byte[] json = Json.bytes(event);
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xE2, (byte) 0x82}, {0x00}, {(byte) 0xE9}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        return switch (random.nextInt(6)) {
            case 0, 1 -> replace(json, "__BAD__".getBytes(StandardCharsets.US_ASCII), bad[random.nextInt(bad.length)]);
            case 2 -> concat(new byte[] {0x00}, json);
            case 3 -> encode(Json.string(event), pick(List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)), oneLine);
            case 4 -> encode(Json.string(event), Charset.forName(random.nextBoolean() ? "UTF-32BE" : "UTF-32LE"), oneLine);
            default -> utf8(Json.string(event).replace("pr__BAD__obe", "pr\\ud800obe"));
        };
    }

    private byte[] duplicate(ObjectNode event) {
        if (!validSent.isEmpty() && random.nextBoolean()) {
            return validSent.get(random.nextInt(validSent.size()));
        }
        String json = Json.string(event);
        return utf8(json.replaceFirst("\\{", "{\"id\":\"h-dup-" + random.nextInt(1000) + "\",\"actor1\":\"" + pick(HOSTILE_ACTORS) + "\","));
    }

    private byte[] injection(ObjectNode event) {
        String attack = pick(INJECTIONS);
        switch (random.nextInt(6)) {
            case 0 -> event.put("id", attack);
            case 1, 2 -> event.put("summary", attack);
            case 3 -> event.putObject("source").put("name", attack).put("url", "javascript:" + attack);
            case 4 -> event.put("actor2", attack);
            default -> event.put(attack, "x");
        }
        return Json.bytes(event);
    }

    /** @return a canonical coded event (CAMEO 042, a visit) with actor2 chosen from the hostile set unless given */
    private ObjectNode base(String id, String date, String a1, String a2) {
        String second = a2 != null ? a2 : pick(HOSTILE_ACTORS.stream().filter(x -> !x.equals(a1)).toList());
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("id", id).put("kind", "CODED").put("occurredAt", date);
        event.putObject("source").put("name", "hostile-input test");
        event.put("actor1", a1).put("actor2", second).put("cameo", "042").put("goldstein", 1.9);
        return event;
    }

    /** @return a JSONL line of the bytes: a raw line feed or carriage return, which would split it, becomes a space */
    static byte[] oneLine(byte[] body) {
        byte[] line = body.clone();
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n' || line[i] == '\r') {
                line[i] = ' ';
            }
        }
        return line;
    }

    private static byte[] encode(String json, Charset charset, boolean oneLine) {
        byte[] bytes = json.getBytes(charset);
        return oneLine ? oneLine(bytes) : bytes;
    }

    private String randomPrintable(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return s.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** @return a random int in [0, bound) from this generator's seed */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] with) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return concat(concat(Arrays.copyOf(haystack, i), with), Arrays.copyOfRange(haystack, i + needle.length, haystack.length));
            }
        }
        return haystack;
    }

    private static List<byte[]> readExamples(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("expectations.json")).sorted()
                    .map(HostileInputs::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            // One line per example: the schema's examples are pretty-printed, JSONL needs one line.
            return Json.bytes(Json.mapper().readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
