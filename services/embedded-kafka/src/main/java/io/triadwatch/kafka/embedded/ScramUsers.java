package io.triadwatch.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/** Adds SCRAM users to a running secured cluster through its Admin API. */
final class ScramUsers {

    private static final int ITERATIONS = 8192;

    private ScramUsers() {
    }

    /**
     * Upserts {@code user}'s SCRAM-SHA-512 credential and waits until a client logging in as that user
     * is authenticated.
     *
     * @param admin the super user's client properties
     * @param asUser the new user's client properties, used to prove that the broker accepts the login
     */
    static void create(final Map<String, Object> admin, final Map<String, Object> asUser, final String user, final String password,
            final Duration timeout) {
        new SaslSsl(user, password); // a user's name and password follow the super user's rules (both go into JAAS lines)
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            client.describeUserScramCredentials(List.of(user)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the SCRAM user '" + user + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the SCRAM user '" + user + "'", e);
        }
        awaitLogin(asUser, user, timeout);
    }

    /**
     * The broker answers the describe from its metadata image, but its authenticator's credential
     * cache is updated by another metadata publisher, a moment later: a first login in between fails
     * as "invalid credentials" (seen in CI). So the new user logs in until it is let in.
     */
    private static void awaitLogin(final Map<String, Object> asUser, final String user, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Admin client = Admin.create(asUser)) {
                // DescribeCluster needs no ACL: only authentication can refuse it.
                client.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The SCRAM user '" + user + "' cannot log in: " + e.getMessage(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("The SCRAM user '" + user + "' cannot log in: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the SCRAM user '" + user + "' logs in", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
