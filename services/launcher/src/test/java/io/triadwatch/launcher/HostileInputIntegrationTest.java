package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.launcher.HostileInputs.Category;
import io.triadwatch.launcher.HostileInputs.Input;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import io.triadwatch.serde.Json;
import io.triadwatch.streams.StreamsRunner;
import io.triadwatch.topics.DeadLetters;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hostile input, after the way Kafka tests itself: a fixed-seed generator ({@link HostileInputs})
 * sends more than 10,000 malformed, oversized, deeply nested, wrong-typed, mis-encoded, far-dated,
 * duplicate and injection-laden inputs — with valid events interleaved — over HTTP (both event
 * endpoints, the query endpoints with hostile paths and parameters, and raw protocol abuse), through
 * the CLI's {@code produce} (in-process) and straight onto the events topic, at one running
 * Triadwatch (ingest, analyzer, api) on its own in-JVM broker. The write rate limit is off for this
 * module's tests ({@code TRIADWATCH_HTTP_WRITES_PER_SECOND=0} in the pom), so every input is judged.
 * <p>
 * The tally (inputs per channel and category, answers per status) is printed and written to
 * {@code target/hostile-input-tally.md}; docs/reliability.md quotes it.
 */
@Tag("integration")
class HostileInputIntegrationTest {
    private static final long SEED = 20261206L;
    private static final String TOKEN = "hostile-input-token";
    private static final int HTTP_SINGLE = 3_200;
    private static final int HTTP_BATCHES = 260;
    private static final int HTTP_QUERIES = 1_500;
    private static final int HTTP_RAW = 240;
    private static final int CLI_LINES = 2_300;
    private static final int RAW_RECORDS = 2_600;
    private static final Pattern SUMMARY = Pattern.compile("read (\\d+), published (\\d+), duplicates (\\d+), rejected (\\d+)");

    private final Tally tally = new Tally();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Map<String, Set<String>> validByDyad = new ConcurrentHashMap<>();
    private final Set<String> validIds = ConcurrentHashMap.newKeySet();

    @Test
    void shouldAnswerEveryHostileInputWithoutACrashOrA5xxAndAccountForEveryRecord() throws Exception {
        // Broker and state under target/, not the OS temp directory: a temp cleaner on a shared machine removed them mid-run once.
        Path dir = Files.createDirectories(Path.of("target", "hostile-input-" + System.nanoTime())).toAbsolutePath();
        try {
            run(dir);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Path dir) throws Exception {
        // Given its own broker, the topics and one Triadwatch with the ingest, analyzer and api roles
        ListAppender<ILoggingEvent> streamErrors = new ListAppender<>();
        streamErrors.start();
        Logger runnerLog = (Logger) LoggerFactory.getLogger(StreamsRunner.class);
        runnerLog.addAppender(streamErrors);
        try (EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.builder().dataDirectory(dir.resolve("kafka")).build().start()) {
            String servers = broker.bootstrapServers();
            Map<String, Object> kafka = Map.of("bootstrap.servers", servers);
            try (Admin admin = Admin.create(kafka)) {
                new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
            }
            try (TriadwatchApp app = TriadwatchApp.start(new AppConfig(EnumSet.of(Role.INGEST, Role.ANALYZER, Role.API), kafka, "127.0.0.1", 0, TOKEN,
                    dir.resolve("state"), "http://localhost", null, null))) {
                int port = app.httpPort();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
                Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> get(http, port, "/ready").statusCode() == 200);
                HostileInputs inputs = new HostileInputs(SEED, projectDir());

                // When hostile inputs with valid events interleaved arrive over HTTP, the CLI and the raw topic
                long t0 = System.nanoTime();
                httpEvents(http, port, inputs);
                httpBatches(http, port, inputs);
                httpQueries(http, port, inputs);
                httpRaw(port, inputs);
                long t1 = System.nanoTime();
                CliResult cli = cli(servers, inputs, dir);
                long t2 = System.nanoTime();
                rawTopic(servers, inputs);
                long t3 = System.nanoTime();
                app.awaitAnalyzed(Duration.ofMinutes(3), line -> { });
                tally.note("seconds: HTTP / CLI / raw topic / analyzer catching up", String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f / %.1f",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9));

                // Then no answer was a 5xx or an error without a JSON message, and every valid event was accepted
                tally.print();
                problems.forEach(p -> System.out.println("PROBLEM: " + p));
                assertThat(tally.total()).isGreaterThanOrEqualTo(10_000);
                // And no stream thread died or was replaced, and the analyzer still runs
                assertThat(streamErrors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).map(ILoggingEvent::getFormattedMessage))
                        .as("uncaught stream-thread exceptions").isEmpty();
                assertThat(app.streamsFailure()).isNull();
                assertThat(get(http, port, "/ready").statusCode()).isEqualTo(200);
                // And every record on the events topic was processed or dead-lettered, exactly
                double in = counter(app, "triadwatch.analyzer.events.in");
                double processed = counter(app, "triadwatch.analyzer.events.processed");
                double deadLettered = counter(app, "triadwatch.analyzer.dlq");
                List<ConsumerRecord<String, String>> events = TestConsumers.readCommittedToEnd(servers, Topics.EVENTS.name(), Duration.ofSeconds(60));
                List<ConsumerRecord<String, String>> dlq = TestConsumers.readCommittedToEnd(servers, Topics.DLQ.name(), Duration.ofSeconds(60));
                tally.note("events-topic records", events.size());
                tally.note("analyzer in / processed / dead-lettered", (long) in + " / " + (long) processed + " / " + (long) deadLettered);
                assertThat((long) in).isEqualTo(events.size()).isEqualTo((long) (processed + deadLettered));
                assertThat(dlq.stream().filter(r -> "analyzer".equals(DeadLetters.header(r.headers(), DeadLetters.SOURCE))).count()).isEqualTo((long) deadLettered);
                assertThat(dlq.stream().filter(r -> !"analyzer".equals(DeadLetters.header(r.headers(), DeadLetters.SOURCE))).count()).isEqualTo(cli.rejected());
                // And every valid event was applied once: each dyad of the valid events counts exactly its distinct valid events
                // (A hostile copy of a valid event — say stamped 1970 on the raw topic — may be dead-lettered under the valid id;
                // the original is still applied, which the counts below prove.)
                dlq.stream().filter(r -> r.key() != null && validIds.contains(r.key()))
                        .forEach(r -> tally.note("dead-lettered copies of valid events", r.key() + " " + DeadLetters.header(r.headers(), DeadLetters.REASON)));
                for (Map.Entry<String, Set<String>> dyad : validByDyad.entrySet()) {
                    String[] pair = dyad.getKey().split("-");
                    JsonNode state = Json.mapper().readTree(get(http, port, "/api/dyads/" + pair[0] + "/" + pair[1]).body());
                    assertThat(state.path("eventCount").asLong()).as("events applied to " + dyad.getKey()).isEqualTo(dyad.getValue().size());
                }
                tally.note("valid events expected applied, over dyads", validIds.size() + " over " + validByDyad.size());
                tally.print();
                tally.write(Path.of("target", "hostile-input-tally.md"));
                assertThat(problems).as("answers that broke the contract").isEmpty();
            }
        } finally {
            runnerLog.detachAppender(streamErrors);
        }
    }

    private void httpEvents(HttpClient http, int port, HostileInputs inputs) throws InterruptedException {
        Requests requests = new Requests(http);
        for (int i = 0; i < HTTP_SINGLE; i++) {
            Input input = inputs.next("http", false, 200_000);
            String contentType = input.valid() || inputs.nextInt(20) != 0 ? "application/json" : hostileContentType(inputs);
            requests.send(post(port, "/api/events", contentType, input.body()), "POST /api/events", input);
        }
        requests.await();
    }

    private void httpBatches(HttpClient http, int port, HostileInputs inputs) throws InterruptedException {
        Requests requests = new Requests(http);
        for (int b = 0; b < HTTP_BATCHES; b++) {
            boolean valid = inputs.nextInt(2) == 0;
            int size = 1 + inputs.nextInt(20);
            List<Input> items = new ArrayList<>();
            while (items.size() < size) {
                Input item = valid ? inputs.valid("batch") : inputs.next("batch", true, 70_000);
                if (item.valid() == valid) {
                    items.add(item);
                } else {
                    inputs.unsent(item);
                }
            }
            boolean ndjson = inputs.nextInt(2) == 0;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(ndjson ? new byte[0] : new byte[] {'['});
            for (int i = 0; i < items.size(); i++) {
                body.writeBytes(i == 0 ? new byte[0] : ndjson ? new byte[] {'\n'} : new byte[] {','});
                body.writeBytes(ndjson ? HostileInputs.oneLine(items.get(i).body()) : items.get(i).body());
            }
            body.writeBytes(ndjson ? new byte[0] : new byte[] {']'});
            Input batch = new Input(valid ? Category.VALID : items.get(0).category(), body.toByteArray(), null, null);
            requests.send(post(port, "/api/events/batch", ndjson ? "application/x-ndjson" : "application/json", batch.body()), "POST /api/events/batch", batch);
            if (valid) {
                items.forEach(requests::expectValid);
            }
        }
        // Beyond the limits: more than 10,000 events (a body above 8 MiB goes over a raw socket: the server answers 413
        // before reading it and closes, which an HTTP client library reports as a broken pipe instead of the answer)
        byte[] many = ("{}\n".repeat(10_001)).getBytes(StandardCharsets.UTF_8);
        requests.send(post(port, "/api/events/batch", "application/x-ndjson", many), "POST /api/events/batch", new Input(Category.OVERSIZED, many, null, null));
        requests.await();
    }

    private void httpQueries(HttpClient http, int port, HostileInputs inputs) throws InterruptedException {
        Requests requests = new Requests(http);
        List<String> values = new ArrayList<>(HostileInputs.INJECTIONS);
        values.addAll(HostileInputs.FAR_DATES);
        values.addAll(List.of("-1", "0", "99999999999999999999", "1e9", "NaN", "CHN", "ISL", "chn", "XXX", "CHN-RUS", "CHN-RUS-USA", "..", ".", "%", "%00", "\u0000", "é", "   "));
        for (int i = 0; i < HTTP_QUERIES; i++) {
            String a = enc(values.get(inputs.nextInt(values.size())));
            String b = enc(values.get(inputs.nextInt(values.size())));
            String path = switch (inputs.nextInt(9)) {
                case 0 -> "/api/dyads/" + a + "/" + b;
                case 1 -> "/api/dyads/" + a + "/" + b + "/history?from=" + b + "&to=" + a;
                case 2 -> "/api/dyads?limit=" + a + "&offset=" + b + "&at=" + b;
                case 3 -> "/api/triads/" + a;
                case 4 -> "/api/triads?limit=" + a + "&offset=" + b;
                case 5 -> "/api/alerts?status=" + a + "&subject=" + b + "&type=" + a + "&since=" + b + "&limit=" + a + "&cursor=" + b;
                case 6 -> "/api/alerts/" + a;
                case 7 -> "/api/dyads/" + a + "?at=" + b;
                default -> "/api/" + a + "/" + b;
            };
            Category category = values.indexOf(dec(a)) < HostileInputs.INJECTIONS.size() ? Category.INJECTION : Category.WRONG_TYPED;
            requests.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    "GET query", new Input(category, new byte[0], null, null));
        }
        requests.await();
    }

    /** Protocol-level abuse over a plain socket: what an HTTP client library would refuse to send. */
    private void httpRaw(int port, HostileInputs inputs) throws IOException {
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        String json = "{\"id\":\"h-raw\",\"kind\":\"CODED\"}";
        for (int i = 0; i < HTTP_RAW; i++) {
            int kind = inputs.nextInt(13);
            String request = switch (kind) {
                case 0 -> "POST /api/events HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{\r\n0\r\n";
                case 1 -> "POST /api/events HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n" + json;
                case 2 -> "POST /api/events/batch HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/x-ndjson\r\nContent-Length: 99999999999999\r\n\r\n{";
                case 3 -> "GET /api/dyads/" + "A".repeat(70_000) + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
                case 4 -> "GET /api/dyads HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(70_000) + "\r\nConnection: close\r\n\r\n";
                case 5 -> "GET /api/dyads HTTP/3.0\r\nHost: t\r\nConnection: close\r\n\r\n";
                case 6 -> "\u0001\u0002GARBAGE \u0000\r\n\r\n";
                case 7 -> "BREW /api/events HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
                case 8 -> "GET /api/dyads/%ZZ/%00/../../etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
                case 9 -> "POST /api/events HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n" + json;
                case 10 -> "POST /api/events HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 3\r\nContent-Length: 30\r\nConnection: close\r\n\r\n" + json;
                case 11 -> "GET /api/dyads HTTP/1.1\r\nHost: t\r\nX-Nul: a\u0000b\r\nConnection: close\r\n\r\n";
                default -> "POST /api/events HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
            };
            Category category = switch (kind) {
                case 2, 3, 4 -> Category.OVERSIZED;
                case 6, 11 -> Category.MIS_ENCODED;
                case 8 -> Category.INJECTION;
                default -> Category.MALFORMED;
            };
            tally.input("http (raw socket)", category);
            rawExchange(port, request.getBytes(StandardCharsets.ISO_8859_1), kind == 1 || kind == 0);
        }
        String huge = "{\"x\":\"" + "a".repeat(9 * 1024 * 1024) + "\"}";
        tally.input("http (raw socket)", Category.OVERSIZED);
        rawExchange(port, ("POST /api/events/batch HTTP/1.1\r\nHost: t\r\n" + auth + "Content-Type: application/x-ndjson\r\nContent-Length: " + huge.length()
                + "\r\nConnection: close\r\n\r\n" + huge).getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private void rawExchange(int port, byte[] request, boolean cutShort) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(45_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (cutShort) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may close on a bad request line before reading all of it; its answer is still read below.
            }
            String response = readAll(socket.getInputStream());
            if (response.isEmpty()) {
                tally.status("http (raw socket)", 0);
                return;
            }
            int status = Integer.parseInt(response.substring(9, 12));
            tally.status("http (raw socket)", status);
            int bodyAt = response.indexOf("\r\n\r\n");
            String head = bodyAt < 0 ? response : response.substring(0, bodyAt).toLowerCase(java.util.Locale.ROOT);
            String body = bodyAt < 0 ? "" : response.substring(bodyAt + 4);
            // 505 is the answer the README promises to an HTTP version other than 1.0/1.1: a client error despite its class.
            boolean badVersion = status == 505 && new String(request, 0, Math.min(200, request.length), StandardCharsets.ISO_8859_1).contains(" HTTP/3.0\r\n");
            if (status >= 500 && !badVersion || status >= 400 && (!head.contains("content-type: application/json") || !body.contains("\"error\"") || !body.contains("\"message\""))) {
                problems.add("raw request " + new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n")
                        + " answered " + response.substring(0, Math.min(300, response.length())));
            }
        }
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // Reset or timeout after (or instead of) the answer: what arrived is judged.
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private record CliResult(int exit, long read, long published, long duplicates, long rejected) {
    }

    private CliResult cli(String servers, HostileInputs inputs, Path dir) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ByteArrayOutputStream gzLines = new ByteArrayOutputStream();
        for (int i = 0; i < CLI_LINES; i++) {
            Input input = inputs.next("cli", true, 200_000);
            tally.input("cli produce", input.category());
            expectValid(input);
            ByteArrayOutputStream target = i % 8 == 0 ? gzLines : lines;
            target.writeBytes(HostileInputs.oneLine(input.body()));
            target.write('\n');
        }
        Path plain = Files.write(dir.resolve("hostile.jsonl"), lines.toByteArray());
        Path gz = dir.resolve("hostile.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(gzLines.toByteArray());
        }
        // A whole file in UTF-16 with a byte-order mark: every line is hostile to a UTF-8 reader.
        StringBuilder utf16 = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            utf16.append("{\"id\":\"h-utf16-").append(i).append("\",\"kind\":\"CODED\",\"occurredAt\":\"2024-06-01\",\"source\":{\"name\":\"t\"},")
                    .append("\"actor1\":\"CHN\",\"actor2\":\"RUS\",\"cameo\":\"042\"}\n");
            tally.input("cli produce", Category.MIS_ENCODED);
        }
        Path wide = Files.write(dir.resolve("hostile-utf16.jsonl"), utf16.toString().getBytes(StandardCharsets.UTF_16));
        StandardOut out = StandardOut.capture();
        StringWriter err = new StringWriter();
        int exit;
        try {
            picocli.CommandLine command = Main.commandLine();
            command.setErr(new PrintWriter(err));
            exit = command.execute("produce", "--format", "jsonl", "--bootstrap-servers", servers, plain.toString(), gz.toString(), wide.toString());
        } finally {
            out.restore();
        }
        Matcher summary = SUMMARY.matcher(out.text());
        assertThat(summary.find()).as("the produce summary in: " + out.text().lines().reduce((a, b) -> b).orElse("") + "; error output: " + err).isTrue();
        CliResult result = new CliResult(exit, Long.parseLong(summary.group(1)), Long.parseLong(summary.group(2)), Long.parseLong(summary.group(3)), Long.parseLong(summary.group(4)));
        tally.note("cli produce exit code and summary", exit + ": read " + result.read() + ", published " + result.published() + ", duplicates "
                + result.duplicates() + ", rejected " + result.rejected());
        assertThat(exit).as("produce exits 0 or 3 (some rejected), never with a failure").isIn(0, io.triadwatch.launcher.cli.ProduceCommand.SOME_REJECTED);
        return result;
    }

    private void rawTopic(String servers, HostileInputs inputs) throws Exception {
        Map<String, Object> props = new HashMap<>(Map.of("bootstrap.servers", servers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024, ProducerConfig.LINGER_MS_CONFIG, 5));
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<String> what = new ArrayList<>();
        Map<String, Object> strayProps = new HashMap<>(props);
        strayProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        strayProps.put(ProducerConfig.RETRIES_CONFIG, 0);
        // Records stamped far ahead go through their own producer, one at a time: the broker refuses the whole batch of such
        // a record, and the valid records must not share it.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<byte[], byte[]> stray = new KafkaProducer<>(strayProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RAW_RECORDS; i++) {
                Input input = inputs.next("raw", false, 900_000);
                int special = input.valid() ? -1 : inputs.nextInt(40);
                byte[] value = special == 0 ? null : special == 1 ? new byte[0] : input.body();
                byte[] key = input.valid() ? input.validId().getBytes(StandardCharsets.UTF_8)
                        : special == 2 ? null : special == 3 ? new byte[] {(byte) 0xFF, 0x00, (byte) 0xC3} : ("h-raw-" + i).getBytes(StandardCharsets.UTF_8);
                // A record stamped 1970, or ten years ahead (a broker refuses timestamps far in the future)
                Long timestamp = special == 4 ? Long.valueOf(0) : special == 5 ? Long.valueOf(Instant.now().plus(Duration.ofDays(3650)).toEpochMilli()) : null;
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.EVENTS.name(), null, timestamp, key, value);
                if (special == 6) {
                    record.headers().add("\u0000evil\r\n", new byte[] {(byte) 0xFF});
                }
                tally.input("raw topic", special == 0 || special == 1 ? Category.MALFORMED : special == 5 ? Category.FAR_DATED : input.category());
                expectValid(input);
                if (special == 5) {
                    Future<RecordMetadata> alone = stray.send(record);
                    stray.flush();
                    sends.add(alone);
                } else {
                    sends.add(producer.send(record));
                }
                what.add(input.category() + (special >= 0 && special <= 6 ? " special " + special : ""));
            }
            producer.flush();
        }
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
                tally.status("raw topic", 1);
            } catch (java.util.concurrent.ExecutionException e) {
                tally.status("raw topic", -1);
                tally.note("raw topic record refused by the broker: " + e.getCause().getClass().getSimpleName(), what.get(i));
                assertThat(what.get(i)).as("a valid record must be written").doesNotStartWith("VALID");
            }
        }
    }

    private void expectValid(Input input) {
        if (input.valid()) {
            validIds.add(input.validId());
            validByDyad.computeIfAbsent(input.dyad(), d -> ConcurrentHashMap.newKeySet()).add(input.validId());
        }
    }

    /** Concurrent requests (at most 8 in flight), each answer checked against the contract as it arrives. */
    private final class Requests {
        private final HttpClient http;
        private final Semaphore inFlight = new Semaphore(8);
        private final List<CompletableFuture<?>> pending = new ArrayList<>();

        Requests(HttpClient http) {
            this.http = http;
        }

        void expectValid(Input input) {
            HostileInputIntegrationTest.this.expectValid(input);
        }

        void send(HttpRequest request, String channel, Input input) throws InterruptedException {
            inFlight.acquire();
            tally.input(channel, input.category());
            if (input.validId() != null) {
                expectValid(input);
            }
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
                inFlight.release();
                if (failure != null && input.category() == Category.OVERSIZED && request.bodyPublisher().isPresent()) {
                    // The server answers 413 before reading an oversized body and closes; a client still writing may see only
                    // the closed connection. The same request over a plain socket reads the answer after a failed write.
                    tally.note("oversized writes the HTTP client saw cut short, re-sent over a socket", 1);
                    try {
                        rawExchange(request.uri().getPort(), rawPost(request, input.body()), false);
                    } catch (IOException e) {
                        problems.add(channel + " " + input.category() + ": no answer over a socket either: " + e);
                    }
                    return null;
                }
                if (failure != null) {
                    problems.add(channel + " " + input.category() + " (" + preview(input.body()) + "): no answer: " + failure);
                    return null;
                }
                tally.status(channel, response.statusCode());
                check(channel, input, response);
                return null;
            }));
            if (pending.size() % 500 == 0) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }

        void await() {
            pending.forEach(CompletableFuture::join);
            pending.clear();
        }
    }

    private void check(String channel, Input input, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String what = channel + " " + input.category() + " (" + preview(input.body()) + ")";
        if (status >= 500) {
            problems.add(what + " answered " + status + ": " + new String(response.body(), StandardCharsets.UTF_8));
        } else if (status >= 400) {
            String type = response.headers().firstValue("content-type").orElse("");
            try {
                JsonNode body = Json.mapper().readTree(response.body());
                if (!type.startsWith("application/json") || body.path("error").asText().isBlank() || body.path("message").asText().isBlank()) {
                    problems.add(what + " answered " + status + " without a JSON error and message: " + type + " " + body);
                }
            } catch (IOException e) {
                problems.add(what + " answered " + status + " with a body that is not JSON: " + new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        if (input.valid() && status != 202 && status != 200) {
            problems.add(what + ": a valid input answered " + status + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static byte[] rawPost(HttpRequest request, byte[] body) {
        String head = "POST " + request.uri().getRawPath() + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: "
                + request.headers().firstValue("Content-Type").orElse("application/json") + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String preview(byte[] body) {
        return new String(body, 0, Math.min(60, body.length), StandardCharsets.UTF_8);
    }

    private static HttpRequest post(int port, String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String hostileContentType(HostileInputs inputs) {
        return List.of("text/plain", "application/json; charset=utf-16", "application/xml", "multipart/form-data; boundary=x", "*/*", "application/json\u0000")
                .get(inputs.nextInt(5));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String dec(String value) {
        return java.net.URLDecoder.decode(value.replace("%20", "+"), StandardCharsets.UTF_8);
    }

    private static double counter(TriadwatchApp app, String name) {
        return app.registry().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("triadwatch.project.dir", "../.."));
    }

    /** Inputs per channel and category, answers per channel and status, and notes; thread-safe. */
    private static final class Tally {
        private final Map<String, Map<Category, AtomicLong>> inputs = new ConcurrentHashMap<>();
        private final Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();
        private final Map<String, String> notes = new ConcurrentHashMap<>();

        void input(String channel, Category category) {
            inputs.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).computeIfAbsent(category, c -> new AtomicLong()).incrementAndGet();
        }

        void status(String channel, int status) {
            statuses.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }

        void note(String name, Object value) {
            notes.merge(name, String.valueOf(value), (a, b) -> a.matches("\\d+") && b.matches("\\d+") ? String.valueOf(Long.parseLong(a) + Long.parseLong(b))
                    : a.length() > 400 ? a : a + "; " + b);
        }

        long total() {
            return inputs.values().stream().flatMap(m -> m.values().stream()).mapToLong(AtomicLong::get).sum();
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("| channel | ").append(String.join(" | ", EnumSet.allOf(Category.class).stream().map(Enum::name).toList())).append(" | total |\n");
            out.append("|---|").append("---:|".repeat(Category.values().length + 1)).append('\n');
            new TreeMap<>(inputs).forEach((channel, counts) -> {
                out.append("| ").append(channel).append(" | ");
                for (Category c : Category.values()) {
                    out.append(counts.getOrDefault(c, new AtomicLong()).get()).append(" | ");
                }
                out.append(counts.values().stream().mapToLong(AtomicLong::get).sum()).append(" |\n");
            });
            out.append("\nTotal inputs: ").append(total()).append("\n\n| channel | answers by status |\n|---|---|\n");
            new TreeMap<>(statuses).forEach((channel, counts) -> out.append("| ").append(channel).append(" | ")
                    .append(String.join(", ", new TreeMap<>(counts).entrySet().stream().map(e -> statusName(e.getKey()) + ": " + e.getValue().get()).toList()))
                    .append(" |\n"));
            out.append('\n');
            new TreeMap<>(notes).forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
            return out.toString();
        }

        private static String statusName(int status) {
            return switch (status) {
                case 0 -> "closed without an answer";
                case 1 -> "written";
                case -1 -> "refused by the broker";
                default -> String.valueOf(status);
            };
        }

        void print() {
            System.out.println("Hostile input tally (seed " + SEED + ")\n" + markdown());
        }

        void write(Path file) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "Hostile input tally (seed " + SEED + ", " + Instant.now() + ")\n\n" + markdown());
        }
    }
}
