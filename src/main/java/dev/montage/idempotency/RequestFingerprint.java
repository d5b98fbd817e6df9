package dev.montage.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests with one Idempotency-Key "the same request": a SHA-256 over the method, the path, the
 * query string and the body. A JSON body counts byte for byte, as a retry sends the same bytes. A multipart upload
 * counts by its parts (name, file name and a digest of the content, streamed from where the container spooled it),
 * since every attempt picks a new boundary. Each field is length-prefixed, so no two different requests can run
 * together into one input.
 */
final class RequestFingerprint {

    private final MessageDigest digest;

    RequestFingerprint(String method, String path, String query) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        field(method);
        field(path);
        field(query);
    }

    RequestFingerprint body(byte[] body) {
        field("body");
        field(body);
        return this;
    }

    RequestFingerprint part(String name, String filename, InputStream content) throws IOException {
        field("part");
        field(name);
        field(filename);
        MessageDigest contentDigest = newSha256();
        byte[] buffer = new byte[64 * 1024];
        for (int read; (read = content.read(buffer)) >= 0; ) {
            contentDigest.update(buffer, 0, read);
        }
        field(contentDigest.digest());
        return this;
    }

    /** 64 hexadecimal digits. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void field(String value) {
        field(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void field(byte[] value) {
        if (value == null) {
            digest.update(new byte[] {-1});
            return;
        }
        digest.update(new byte[] {0});
        int length = value.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(value);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
