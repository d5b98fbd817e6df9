package dev.montage.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs webhooks as Telnyx does: Ed25519 over the UTF-8 bytes of {@code "<telnyx-timestamp>|<body>"}. The key
 * pair is the installation's: {@code montage.webhooks.signing-key} (base64 PKCS#8) when set, else one generated
 * by the first node that needs it and kept in the database, so every node signs with the same key and a
 * receiver verifies with one public key.
 */
@Component
class WebhookSigner {

    private static final String SECRET_NAME = "webhook-signing-key";

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile KeyPair keys;

    WebhookSigner(JdbcClient jdbc, Clock clock, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        // a configured key that is no key stops the start, rather than the first delivery
        String configuredKey = settings.signingKey();
        this.keys = configuredKey.isBlank() ? null : Ed25519Keys.fromPkcs8Base64(configuredKey);
    }

    /** The {@code telnyx-signature-ed25519} header value for a body sent with this {@code telnyx-timestamp}. */
    String signature(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + "|").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return Base64.getEncoder().encodeToString(Ed25519Keys.sign(keys().getPrivate(), message));
    }

    /** The raw 32-byte public key, base64, as the Telnyx SDKs take it. */
    String publicKey() {
        return Ed25519Keys.rawPublicKeyBase64(keys());
    }

    private KeyPair keys() {
        KeyPair current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = Ed25519Keys.fromPkcs8Base64(storedKey());
                }
                current = keys;
            }
        }
        return current;
    }

    /** The installation's key; the first node to need it creates it, the others read the same one. */
    private String storedKey() {
        var existing = jdbc.sql("select secret from installation_secrets where name = :name")
                .param("name", SECRET_NAME).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql("insert into installation_secrets (name, secret, created_at) values (:name, :secret, :created_at)")
                    .param("name", SECRET_NAME)
                    .param("secret", Ed25519Keys.pkcs8Base64(Ed25519Keys.generate()))
                    .param("created_at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another node created it first: use theirs
        }
        return jdbc.sql("select secret from installation_secrets where name = :name")
                .param("name", SECRET_NAME).query(String.class).single();
    }
}
