package io.connectionhealth.notification;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the base64 part of {@code whsec_…}. */
class WebhookSignerTest {

    // the example of the Standard Webhooks specification (github.com/standard-webhooks/standard-webhooks, spec)
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsAsTheStandardWebhooksExampleDoes() {
        assertThat(WebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(WebhookSigner.signatureHeader(List.of(SECRET), ID, TIMESTAMP, BODY)).isEqualTo("v1," + SIGNATURE);
    }

    @Test
    void duringARotationTheHeaderCarriesOneSignaturePerSecretSpaceSeparated() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another key of 24 bytes!".getBytes());
        String header = WebhookSigner.signatureHeader(List.of(other, SECRET), ID, TIMESTAMP, BODY);

        assertThat(header.split(" ")).containsExactly("v1," + WebhookSigner.sign(other, ID, TIMESTAMP, BODY),
                "v1," + SIGNATURE);
        assertThat(WebhookSigner.sign(other, ID, TIMESTAMP, BODY)).isNotEqualTo(SIGNATURE);
    }

    @Test
    void everyPartOfTheSignedContentCounts() {
        assertThat(WebhookSigner.sign(SECRET, ID + "x", TIMESTAMP, BODY)).isNotEqualTo(SIGNATURE);
        assertThat(WebhookSigner.sign(SECRET, ID, TIMESTAMP + 1, BODY)).isNotEqualTo(SIGNATURE);
        assertThat(WebhookSigner.sign(SECRET, ID, TIMESTAMP, BODY + " ")).isNotEqualTo(SIGNATURE);
    }
}
