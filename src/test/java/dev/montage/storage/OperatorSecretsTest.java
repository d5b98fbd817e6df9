package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.support.ApiTest;

/**
 * Issue 8, defect 4: an operator may keep both installation secrets out of the database and supply them as
 * settings ({@code MONTAGE_WEBHOOKS_SIGNING_KEY}, {@code MONTAGE_DOWNLOADS_SECRET}); the service then signs with
 * exactly those.
 */
class OperatorSecretsTest extends ApiTest {

    private static final KeyPair SIGNING_KEY = ed25519();
    private static final String DOWNLOAD_SECRET = "an operator's secret of " + UUID.randomUUID();

    @DynamicPropertySource
    static void operatorSecrets(DynamicPropertyRegistry registry) {
        registry.add("montage.webhooks.signing-key",
                () -> Base64.getEncoder().encodeToString(SIGNING_KEY.getPrivate().getEncoded()));
        registry.add("montage.downloads.secret", () -> DOWNLOAD_SECRET);
    }

    @Test
    void webhooksAreSignedWithTheSuppliedKey() {
        byte[] x509 = SIGNING_KEY.getPublic().getEncoded();
        String rawPublicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));

        assertThat(api.get("/v2/webhooks/public_key").data().path("public_key").asString()).isEqualTo(rawPublicKey);
    }

    /** A valid link to a composition that does not exist gets 404; a link with a bad signature gets 403. */
    @Test
    void downloadLinksAreSignedWithTheSuppliedSecret() throws Exception {
        UUID composition = UUID.randomUUID();
        long expires = Instant.now().plusSeconds(600).getEpochSecond();
        String path = "/v2/room_compositions/" + composition + "/media?expires=" + expires + "&signature=";

        assertThat(api.withKey(null).get(path + hmac(DOWNLOAD_SECRET, composition + "|" + expires)).status())
                .isEqualTo(404);
        assertThat(api.withKey(null).get(path + hmac("another secret", composition + "|" + expires)).status())
                .isEqualTo(403);
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
