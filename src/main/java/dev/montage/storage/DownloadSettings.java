package dev.montage.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code montage.downloads.*} settings of {@link DownloadLinks}.
 *
 * @param secret the HMAC key that signs download links; unset, one is generated on first use and kept in the
 *               database, so every node signs alike; set it ({@code MONTAGE_DOWNLOADS_SECRET}) to keep it out of the
 *               database
 */
@ConfigurationProperties("montage.downloads")
record DownloadSettings(String secret) {

    DownloadSettings {
        secret = secret == null ? "" : secret;
    }

    @Override
    public String toString() {
        return "DownloadSettings[secret=" + (secret.isBlank() ? "" : "(set)") + "]"; // never in a log line
    }
}
