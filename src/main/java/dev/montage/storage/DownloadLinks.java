package dev.montage.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed download links: {@code <base>/v2/room_compositions/<id>/media?expires=<unix s>&signature=<HMAC>}.
 * The link itself is the credential, valid for {@link #VALIDITY}, so a browser {@code <video>} can play it.
 * The HMAC key is {@code montage.downloads.secret} when set, else one generated on first use and kept in the
 * database, so every node of an installation signs and checks alike.
 */
@Component
@EnableConfigurationProperties(DownloadSettings.class)
public class DownloadLinks {

    public static final Duration VALIDITY = Duration.ofHours(1);
    private static final String SECRET_NAME = "download-links";
    private static final String ALGORITHM = "HmacSHA256";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String configuredSecret;
    private final BlobStore blobs;
    private volatile byte[] key;
    private volatile Mac keyedMac;

    DownloadLinks(JdbcClient jdbc, Clock clock, DownloadSettings settings, BlobStore blobs) {
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.configuredSecret = settings.secret();
    }

    /**
     * The {@code download_url} of a completed composition whose media is the blob {@code blobKey}, valid from now
     * for {@link #VALIDITY}: a presigned GET on the bucket when the store signs one (S3), so the bytes never pass
     * through Montage; else a link to {@code /media} signed by Montage.
     */
    public String link(String baseUrl, UUID compositionId, String blobKey) {
        return link(baseUrl, compositionId, blobKey, VALIDITY);
    }

    /**
     * The same link valid from now for {@code validity} (Twilio's {@code Ttl} on {@code /Media}); the caller bounds
     * it.
     */
    public String link(String baseUrl, UUID compositionId, String blobKey, Duration validity) {
        return blobs.presignedGet(blobKey, validity).map(URI::toString)
                .orElseGet(() -> link(baseUrl, compositionId, validity));
    }

    /** A link to the composition's media through Montage ({@code /media}), valid from now for {@link #VALIDITY}. */
    public String link(String baseUrl, UUID compositionId) {
        return link(baseUrl, compositionId, VALIDITY);
    }

    private String link(String baseUrl, UUID compositionId, Duration validity) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return baseUrl + "/v2/room_compositions/" + compositionId + "/media?expires=" + expires + "&signature="
                + sign(compositionId, expires);
    }

    /** Whether {@code signature} was made by {@link #link} for this composition and has not expired. */
    public boolean isValid(UUID compositionId, long expires, String signature) {
        // compared as plain seconds: any long is a value a client may send, and Instant cannot hold them all
        if (signature == null || expires < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(compositionId, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(UUID compositionId, long expires) {
        Mac mac = mac();
        byte[] digest = mac.doFinal((compositionId + "|" + expires).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * A Mac of its own for this call, cloned from one keyed once: a list signs a link per completed composition, and
     * looking up the provider and keying a new Mac each time cost more than the signing itself. A Mac is not
     * thread-safe, hence the clone rather than one shared instance.
     */
    private Mac mac() {
        Mac prototype = keyedMac;
        if (prototype == null) {
            prototype = newMac(key());
            keyedMac = prototype; // two threads that race here key the same secret: either one will do
        }
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key()); // a provider whose Mac cannot be cloned: keyed anew, as before
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private byte[] key() {
        if (key == null) {
            key = (configuredSecret.isBlank() ? storedSecret() : configuredSecret).getBytes(StandardCharsets.UTF_8);
        }
        return key;
    }

    /** The installation's secret; the first node to need it creates it, the others read the same one. */
    private String storedSecret() {
        var existing = jdbc.sql("select secret from installation_secrets where name = :name")
                .param("name", SECRET_NAME).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            jdbc.sql("insert into installation_secrets (name, secret, created_at) values (:name, :secret, :created_at)")
                    .param("name", SECRET_NAME)
                    .param("secret", Base64.getEncoder().encodeToString(random))
                    .param("created_at", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another node created it first: use theirs
        }
        return jdbc.sql("select secret from installation_secrets where name = :name")
                .param("name", SECRET_NAME).query(String.class).single();
    }
}
