package dev.montage.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Keeps the token a Twilio status callback is signed with (an API key, which Montage otherwise stores only as a
 * digest) sealed at rest: AES-256-GCM with a key of the installation, created by the first node that needs it and
 * kept in {@code installation_secrets}, so every node opens what another sealed. The first seal may create that
 * key: call it outside a transaction. A sealed token is base64 of the
 * 12-byte nonce followed by the ciphertext and its tag.
 */
@Component
public class CallbackTokens {

    private static final String SECRET_NAME = "status-callback-token-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final InstallationSecretRepository secrets;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    CallbackTokens(InstallationSecretRepository secrets) {
        this.secrets = secrets;
    }

    /** The token, sealed for storage. */
    public String seal(String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a callback token", e);
        }
    }

    /** The token {@link #seal} sealed; fails when the installation's key is not the one that sealed it. */
    String open(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not open a callback token (installation key changed?)", e);
        }
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(Base64.getDecoder().decode(secrets.findOrCreate(SECRET_NAME, this::freshKey)),
                            "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private String freshKey() {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        return Base64.getEncoder().encodeToString(fresh);
    }
}
