package io.triadwatch.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written instant path against the java.time parsers and printer it stands in for. */
class IsoInstantsTest {
    private static final long MIN_SECOND = Instant.parse("-9999-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_SECOND = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
    private static final ObjectMapper JAVA_TIME = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** What Json.parse did before the hand-written path: the outcome, value or error message. */
    private static String reference(String text) {
        try {
            return (text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text)).toString();
        } catch (DateTimeParseException e) {
            return "error: " + e.getMessage() + " at " + e.getErrorIndex();
        }
    }

    private static String actual(String text) {
        try {
            return IsoInstants.parse(text).toString();
        } catch (DateTimeParseException e) {
            return "error: " + e.getMessage() + " at " + e.getErrorIndex();
        }
    }

    @Test
    void parsesLikeJavaTimeOnGeneratedInstants() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(MIN_SECOND, MAX_SECOND), random.nextInt(1_000_000_000));
            String canonical = instant.toString();
            texts.add(canonical);
            texts.add(canonical.substring(0, Math.max(10, canonical.indexOf('T'))));
            int dot = canonical.indexOf('.');
            String seconds = dot < 0 ? canonical.substring(0, canonical.length() - 1) : canonical.substring(0, dot);
            String nanos = String.format("%09d", instant.getNano());
            texts.add(seconds + "." + nanos.substring(0, 1 + random.nextInt(9)) + "Z");
            texts.add(seconds + "Z");
        }
        for (String text : texts) {
            assertEquals(reference(text), actual(text), text);
        }
    }

    @Test
    void parsesLikeJavaTimeOnEdgesAndInvalidTexts() {
        List<String> texts = List.of(
                "1970-01-01", "1969-12-31", "0000-01-01", "9999-12-31", "1600-02-29", "2000-02-29", "2024-02-29",
                "1900-02-29", "2023-02-29", "2023-02-30", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00", "2023-1-01",
                "2023/01/01", "20230101xx", "+2023-01-0", "٢٠٢٣-01-01", "2023-01-01 ", "",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1900-02-28T12:00:00.5Z", "1600-02-29T00:00:00Z",
                "2024-02-29T23:59:59.1Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z",
                "2016-12-31T23:59:60Z", "2024-01-01T23:59:59.Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01t00:00:00z",
                "2024-01-01T00:00:00z", "2024-01-01T00:00:00+01:00", "2024-01-01T00:00:00.123+00:00", "2024-01-01T00:00Z",
                "2024-01-01T00:00:00", "2024-01-01T0a:00:00Z", "2024-01-01T00:00:00.12a4Z", "2024-01-01T00:00:00,5Z",
                "+12024-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "2024-01-01T00:00:00.000000000Z", "2024-01-01X00:00:00Z", "2024-01-01T00-00:00Z", "2024-01-01T00:00-00Z",
                "2024-01-01T00:00:00ZZ", "2024-01-01T00:00:00.-1Z", "2024-01-01T-1:00:00Z");
        for (String text : texts) {
            assertEquals(reference(text), actual(text), text);
        }
    }

    @Test
    void formatsLikeInstantToString() {
        SplittableRandom random = new SplittableRandom(11);
        int[] nanos = {0, 1, 999_999_999, 1_000, 1_000_000, 120_000_000, 123_456_000, 100};
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(MIN_SECOND * 2, MAX_SECOND * 2);
            int nano = i % 2 == 0 ? nanos[i / 2 % nanos.length] : random.nextInt(1_000_000_000);
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
        for (Instant instant : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z"))) {
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
    }

    @Test
    void theMapperWritesWhatJavaTimeModuleWrote() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Instant> value = Map.of("at", Instant.ofEpochSecond(random.nextLong(MIN_SECOND, MAX_SECOND), i % 3 == 0 ? 0 : random.nextInt(1_000_000_000)));
            String written = Json.string(new Holder(value.get("at")));
            assertEquals(JAVA_TIME.writeValueAsString(new Holder(value.get("at"))), written);
            assertEquals(value.get("at"), Json.mapper().readValue(written, Holder.class).at());
        }
    }

    record Holder(Instant at) {
    }
}
