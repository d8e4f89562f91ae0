package io.atende.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTest {

    @Test
    void standardSignatureReproducesThePublishedStandardWebhooksTestVector() {
        String signature = Signatures.standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void generatedSecretsFitTheirFormat() {
        String standard = Signatures.newSecret(WebhookFormat.STANDARD);
        assertThat(standard).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(standard.substring(6))).hasSize(32);
        assertThat(Signatures.fits(WebhookFormat.STANDARD, standard)).isTrue();
        assertThat(Signatures.newSecret(WebhookFormat.TOMTICKET)).matches("[0-9a-f]{32}");
    }

    @Test
    void standardSecretsMustBeWhsecAndBase64OfTwentyFourToSixtyFourBytes() {
        assertThat(Signatures.fits(WebhookFormat.STANDARD, "plain")).isFalse();
        assertThat(Signatures.fits(WebhookFormat.STANDARD, "whsec_not base64!")).isFalse();
        assertThat(Signatures.fits(WebhookFormat.STANDARD, "whsec_" + Base64.getEncoder().encodeToString(new byte[16]))).isFalse();
        assertThat(Signatures.fits(WebhookFormat.TOMTICKET, "anything")).isTrue();
    }
}
