package io.triadwatch.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secured client listener of an {@link EmbeddedKafkaCluster}: {@code SASL_SSL} with
 * {@code SCRAM-SHA-512}, a self-signed TLS certificate for {@code 127.0.0.1} made at every start, and
 * the {@code StandardAuthorizer} with no ACL allowing anything ({@code allow.everyone.if.no.acl.found}
 * is false), so every other principal needs ACLs.
 * <p>
 * The super user is the brokers' own (inter-broker) principal and the one a test administers the
 * cluster with; its SCRAM credential is written when the storage is formatted, as
 * {@code kafka-storage.sh format --add-scram} does, so it exists before any broker authenticates.
 * The controller listener stays {@code PLAINTEXT} on the loopback interface (a KRaft controller cannot
 * authenticate SCRAM: the credentials live in the metadata it serves), so its principal
 * {@code User:ANONYMOUS} is a super user too; clients never reach that listener.
 *
 * @param superUser         the SCRAM user name of the brokers and the administrator, e.g. {@code admin}
 * @param superUserPassword its password
 */
public record SaslSsl(String superUser, String superUserPassword) {

    /** The only SASL mechanism the listener enables. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * @throws IllegalArgumentException if the user name is not letters, digits, '.', '_' or '-', or the password is blank
     *                                  or holds a quote or backslash (both end up inside a JAAS string)
     */
    public SaslSsl {
        Objects.requireNonNull(superUser, "superUser");
        Objects.requireNonNull(superUserPassword, "superUserPassword");
        if (!NAME.matcher(superUser).matches()) {
            throw new IllegalArgumentException("The super user name must be letters, digits, '.', '_' or '-', got '" + superUser + "'");
        }
        requirePassword(superUserPassword);
    }

    /** @return the super user as a principal, {@code User:<name>} */
    public String superUserPrincipal() {
        return "User:" + superUser;
    }

    /**
     * Client properties for a SCRAM user over TLS, trusting the cluster's certificate.
     *
     * @param user        the SCRAM user name
     * @param password    its password
     * @param certificate the PEM file of the cluster's certificate
     * @return {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} and the trust store settings
     */
    static Map<String, Object> clientProperties(final String user, final String password, final Path certificate) {
        requirePassword(password);
        final Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaas(user, password));
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", certificate.toString());
        return props;
    }

    /** @return the JAAS line of the SCRAM login module for {@code user} */
    static String jaas(final String user, final String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static void requirePassword(final String password) {
        if (password.isBlank() || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("A SCRAM password must not be blank nor hold a quote or backslash");
        }
    }
}
