package dev.montage.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Verifies a webhook signature the way a receiver does, from nothing but the raw 32-byte public key that
 * {@code GET /v2/webhooks/public_key} gives: Ed25519 over the bytes of {@code "<telnyx-timestamp>|<body>"}.
 */
public final class Ed25519Verifier {

    /** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey key;

    public Ed25519Verifier(String rawPublicKeyBase64) {
        byte[] raw = Base64.getDecoder().decode(rawPublicKeyBase64);
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] x509 = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, x509, X509_PREFIX.length, raw.length);
        try {
            key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(String timestamp, byte[] body, String signatureBase64) {
        byte[] prefix = (timestamp + "|").getBytes(StandardCharsets.UTF_8);
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(prefix);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
