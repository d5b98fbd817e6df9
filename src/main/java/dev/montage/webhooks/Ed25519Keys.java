package dev.montage.webhooks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 key pairs with nothing but the JDK: made new, or rebuilt from a base64 PKCS#8 private key, and the
 * public key in the raw 32-byte form the Telnyx SDKs verify with.
 */
final class Ed25519Keys {

    /** An X.509 SubjectPublicKeyInfo of Ed25519 is this fixed 12-byte header followed by the raw key. */
    private static final int X509_HEADER_BYTES = 12;
    private static final int KEY_BYTES = 32;

    private Ed25519Keys() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    static String pkcs8Base64(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    /**
     * The pair of a PKCS#8 private key. Such a key usually carries no public key and the JDK offers no way to
     * derive one, but its generator makes the private key from exactly 32 random bytes: handing it the key's
     * own 32 bytes as that randomness yields the same private key and its public key.
     *
     * @throws IllegalArgumentException if {@code base64} is not a base64 PKCS#8 Ed25519 private key
     */
    static KeyPair fromPkcs8Base64(String base64) {
        PrivateKey given;
        try {
            given = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key: " + e.getMessage(), e);
        }
        byte[] seed = ((EdECPrivateKey) given).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the private key hides its bytes"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(pair.getPrivate().getEncoded(), given.getEncoded()) || !matches(pair)) {
                throw new IllegalStateException("could not rebuild the public key of the configured private key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** The raw 32-byte public key (RFC 8032), base64: what {@code GET /v2/webhooks/public_key} answers. */
    static String rawPublicKeyBase64(KeyPair pair) {
        byte[] x509 = pair.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(x509, X509_HEADER_BYTES,
                X509_HEADER_BYTES + KEY_BYTES));
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static boolean matches(KeyPair pair) throws GeneralSecurityException {
        byte[] probe = "montage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        return verifier.verify(sign(pair.getPrivate(), probe));
    }

    /** "Randomness" that is the given bytes: see {@link #fromPkcs8Base64}. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes, not " + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
