package io.triadwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    private static final String JSON = "{\"summary\":\"Пхеньян — 平壤 🇰🇵\"}";

    private static HttpProblem refusal(byte[] body) {
        try {
            RequestBodies.checkUtf8(body);
        } catch (HttpProblem p) {
            return p;
        }
        throw new AssertionError("accepted " + body.length + " bytes");
    }

    @Test
    void shouldAcceptWellFormedUtf8Unchanged() {
        byte[] body = JSON.getBytes(StandardCharsets.UTF_8);

        assertThat(RequestBodies.checkUtf8(body)).isSameAs(body);
    }

    @Test
    void shouldRefuseMalformedUtf8SayingWhereInsteadOfSubstitutingU_FFFD() {
        // Given "pr?obe" with a lone continuation byte, an overlong '/' and an encoded surrogate
        for (byte[] bad : new byte[][]{
                {'"', 'p', 'r', (byte) 0x80, 'o', 'b', 'e', '"'},
                {'"', (byte) 0xC0, (byte) 0xAF, '"'},
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                {'"', 'a', (byte) 0xE2, (byte) 0x82}}) {
            HttpProblem problem = refusal(bad);

            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.body().error()).isEqualTo("invalid_encoding");
            assertThat(problem.body().message()).contains("not valid UTF-8").contains("at offset");
        }
        assertThat(refusal(new byte[]{'"', 'p', 'r', (byte) 0x80}).body().message()).contains("offset 3");
    }

    @Test
    void shouldRefuseUtf16AndUtf32BodiesWithOrWithoutAByteOrderMark() {
        for (String charset : new String[]{"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"}) {
            HttpProblem problem = refusal(JSON.getBytes(Charset.forName(charset)));

            assertThat(problem.status()).as(charset).isEqualTo(400);
            assertThat(problem.body().error()).as(charset).isEqualTo("unsupported_encoding");
            assertThat(problem.body().message()).as(charset).contains(charset.startsWith("UTF-16") ? "UTF-16" : "UTF-32").contains("send UTF-8");
        }
    }

    @Test
    void shouldRefuseANulByteNamingItsOffset() {
        HttpProblem problem = refusal("{\"a\":1}\u0000{\"b\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(problem.body().error()).isEqualTo("invalid_encoding");
        assertThat(problem.body().message()).contains("NUL byte at offset 7");
    }
}
