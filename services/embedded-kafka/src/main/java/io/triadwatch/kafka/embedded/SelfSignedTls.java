package io.triadwatch.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made with the JDK's
 * {@code keytool} (no extra library): a PKCS12 key store for the brokers and the certificate as PEM
 * for clients ({@code ssl.truststore.type=PEM}).
 *
 * @param keyStore    the PKCS12 key store holding the key and certificate
 * @param password    the key store's (and key's) password
 * @param certificate the certificate, PEM
 */
record SelfSignedTls(Path keyStore, String password, Path certificate) {

    private static final String ALIAS = "broker";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    /** Makes a new key pair and certificate in {@code directory}, replacing any made before. */
    static SelfSignedTls create(final Path directory) {
        final Path keyStore = directory.resolve("broker.p12");
        final Path certificate = directory.resolve("broker.pem");
        final String password = UUID.randomUUID().toString();
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(keyStore);
            Files.deleteIfExists(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + directory + " for the embedded Kafka's TLS key store", e);
        }
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:" + LoopbackPorts.HOST + ",dns:localhost", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass", password,
                "-file", certificate.toString());
        return new SelfSignedTls(keyStore, password, certificate);
    }

    private static void keytool(final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run the JDK's keytool (" + command.get(0) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the embedded Kafka's TLS certificate", e);
        }
    }
}
