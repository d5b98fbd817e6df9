package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.montage.support.Ed25519Verifier;

/** Signing with a configured key, checked the way a receiver checks: from the raw public key alone. */
class SigningTest {

    @Test
    void aConfiguredPkcs8KeySignsAndPublishesItsRawPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pkcs8 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        WebhookSigner signer = new WebhookSigner(null, Clock.systemUTC(), signingKey(pkcs8));

        byte[] x509 = pair.getPublic().getEncoded();
        assertThat(Base64.getDecoder().decode(signer.publicKey())).isEqualTo(Arrays.copyOfRange(x509, 12, 44));

        byte[] body = "{\"data\":{\"id\":\"é\"}}".getBytes(StandardCharsets.UTF_8);
        String signature = signer.signature(1700000000, body);
        Ed25519Verifier receiver = new Ed25519Verifier(signer.publicKey());
        assertThat(receiver.verify("1700000000", body, signature)).isTrue();
        assertThat(receiver.verify("1700000001", body, signature)).isFalse();
        assertThat(receiver.verify("1700000000", "{\"data\":{\"id\":\"e\"}}".getBytes(StandardCharsets.UTF_8),
                signature)).isFalse();

        // and what the JDK verifies with the original public key over "<timestamp>|<body>"
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update("1700000000|".getBytes(StandardCharsets.UTF_8));
        jdk.update(body);
        assertThat(jdk.verify(Base64.getDecoder().decode(signature))).isTrue();
    }

    @Test
    void aConfiguredKeyThatIsNoKeyStopsTheStart() {
        assertThatThrownBy(() -> new WebhookSigner(null, Clock.systemUTC(), signingKey("bm90IGEga2V5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8 Ed25519");
        assertThatThrownBy(() -> new WebhookSigner(null, Clock.systemUTC(), signingKey("%%%")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedKeysRoundTripThroughTheirStoredForm() {
        KeyPair generated = Ed25519Keys.generate();
        KeyPair restored = Ed25519Keys.fromPkcs8Base64(Ed25519Keys.pkcs8Base64(generated));
        assertThat(Ed25519Keys.rawPublicKeyBase64(restored)).isEqualTo(Ed25519Keys.rawPublicKeyBase64(generated));
    }

    private static WebhookSettings signingKey(String key) {
        return new WebhookSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(2), 4, Duration.ofSeconds(1), false,
                null, key);
    }
}
