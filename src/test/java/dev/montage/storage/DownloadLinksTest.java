package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.support.ApiTest;

/** Links expire after an hour and are bound to their composition; the key is shared through the database. */
class DownloadLinksTest extends ApiTest {

    private static final UUID COMPOSITION = UUID.fromString("5219b3af-87c6-4c08-9b58-5a533d893e21");
    private static final Instant ISSUED = Instant.parse("2026-11-27T12:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aLinkIsValidForAnHourAndNoLonger() {
        DownloadLinks issuer = links(ISSUED);
        String link = issuer.link("https://montage.example", COMPOSITION);
        long expires = Long.parseLong(link.replaceAll(".*expires=(\\d+).*", "$1"));
        String signature = link.replaceAll(".*signature=", "");
        assertThat(expires).isEqualTo(ISSUED.plus(Duration.ofHours(1)).getEpochSecond());

        assertThat(links(ISSUED.plus(Duration.ofMinutes(59))).isValid(COMPOSITION, expires, signature)).isTrue();
        assertThat(links(ISSUED.plus(Duration.ofMinutes(61))).isValid(COMPOSITION, expires, signature)).isFalse();
        assertThat(links(ISSUED).isValid(UUID.randomUUID(), expires, signature)).isFalse();
        assertThat(links(ISSUED).isValid(COMPOSITION, expires + 3600, signature)).isFalse();
        assertThat(links(ISSUED).isValid(COMPOSITION, expires, null)).isFalse();
    }

    @Test
    void aConfiguredSecretSignsDifferentlyFromTheStoredOne() {
        String stored = links(ISSUED).link("", COMPOSITION);
        DownloadSettings secret = new DownloadSettings("s3cret");
        String configured = new DownloadLinks(jdbc, Clock.fixed(ISSUED, ZoneOffset.UTC), secret, null)
                .link("", COMPOSITION);
        assertThat(configured).isNotEqualTo(stored);
        long expires = ISSUED.plus(Duration.ofHours(1)).getEpochSecond();
        assertThat(new DownloadLinks(jdbc, Clock.fixed(ISSUED, ZoneOffset.UTC), secret, null)
                .isValid(COMPOSITION, expires, configured.replaceAll(".*signature=", ""))).isTrue();
    }

    /** The signature is plain HMAC-SHA256 of {@code <id>|<expires>} under the secret, base64url without padding. */
    @Test
    void eachSignatureIsTheHmacOfItsCompositionAndExpiry() throws Exception {
        DownloadSettings secret = new DownloadSettings("s3cret");
        DownloadLinks issuer = new DownloadLinks(jdbc, Clock.fixed(ISSUED, ZoneOffset.UTC), secret, null);
        long expires = ISSUED.plus(Duration.ofHours(1)).getEpochSecond();
        for (UUID id : Stream.concat(Stream.of(COMPOSITION), Stream.generate(UUID::randomUUID).limit(20)).toList()) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((id + "|" + expires).getBytes(StandardCharsets.UTF_8)));

            assertThat(issuer.link("", id)).endsWith("?expires=" + expires + "&signature=" + expected);
        }
    }

    /**
     * One instance signs for many threads at once (a list signs a link per row, on every request thread) and each
     * signature is the one a fresh instance, signing alone, makes: no thread's signing leaks into another's.
     */
    @Test
    void signaturesMadeConcurrentlyAreThoseMadeAlone() throws Exception {
        DownloadLinks shared = links(ISSUED);
        List<UUID> compositions = Stream.generate(UUID::randomUUID).limit(2_000).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> signed = threads.invokeAll(compositions.stream()
                    .map(id -> (Callable<String>) () -> shared.link("", id)).toList());
            DownloadLinks alone = links(ISSUED);
            for (int i = 0; i < compositions.size(); i++) {
                assertThat(signed.get(i).get()).isEqualTo(alone.link("", compositions.get(i)));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** A fresh instance, as another node would have: it must read the same stored key. */
    private DownloadLinks links(Instant now) {
        return new DownloadLinks(jdbc, Clock.fixed(now, ZoneOffset.UTC), new DownloadSettings(null), null);
    }
}
