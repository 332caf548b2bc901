package io.triadwatch.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/** Adds SCRAM users to a running secured cluster through its Admin API. */
final class ScramUsers {

    private static final int ITERATIONS = 8192;

    private ScramUsers() {
    }

    /** Upserts {@code user}'s SCRAM-SHA-512 credential and waits until the cluster describes it. */
    static void create(final Map<String, Object> admin, final String user, final String password, final Duration timeout) {
        new SaslSsl(user, password); // a user's name and password follow the super user's rules (both go into JAAS lines)
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // The change is committed to the metadata log; describing it confirms the brokers see it.
            client.describeUserScramCredentials(List.of(user)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the SCRAM user '" + user + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the SCRAM user '" + user + "'", e);
        }
    }
}
