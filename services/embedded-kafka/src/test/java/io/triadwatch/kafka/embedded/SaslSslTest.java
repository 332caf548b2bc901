package io.triadwatch.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SaslSslTest {

    @Test
    void shouldRefuseNamesAndPasswordsThatWouldBreakAJaasLine() {
        // Given user names and passwords with characters a JAAS string cannot hold safely
        // When a secured listener is configured with them, then they are refused
        assertThatThrownBy(() -> new SaslSsl("ad min", "secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ad min'");
        assertThatThrownBy(() -> new SaslSsl("admin", "se\"cret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SaslSsl("admin", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSecureTheBrokerListenerAndAuthorizeWithTheSuperUserAndTheControllerListener() {
        // Given a secured node plan
        final NodePlan node = new NodePlan(1, true, true, Path.of("/tmp/n1"), 9092, 9093);
        final SelfSignedTls tls = new SelfSignedTls(Path.of("/tmp/ks.p12"), "pw", Path.of("/tmp/cert.pem"));

        // When its server properties are built
        final Properties props = NodeConfigs.forNode(node, node, Topology.combined(), Map.of(), 1000, new SaslSsl("admin", "s"), tls);

        // Then the client listener is SASL_SSL/SCRAM-SHA-512, the StandardAuthorizer runs, and ANONYMOUS is only the controller listener's
        assertThat(props.getProperty("listener.security.protocol.map")).isEqualTo("BROKER:SASL_SSL,CONTROLLER:PLAINTEXT");
        assertThat(props.getProperty("authorizer.class.name")).isEqualTo(NodeConfigs.STANDARD_AUTHORIZER);
        assertThat(props.getProperty("super.users")).isEqualTo("User:admin;User:ANONYMOUS");
        assertThat(props.getProperty("listener.name.broker.scram-sha-512.sasl.jaas.config")).contains("username=\"admin\"");
        assertThat(props.getProperty("allow.everyone.if.no.acl.found")).isNull();
        assertThat(SaslSsl.clientProperties("u", "p", tls.certificate()))
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/tmp/cert.pem");
    }
}
