package dev.montage.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where clients reach the service ({@code montage.public-url}); see {@link PublicBaseUrl} for what answers when it
 * is not set.
 *
 * @param publicUrl the address clients reach the service at, e.g. {@code https://video.example.com}: the base of
 *                  {@code download_url}; unset, links use the address a request came in on, or
 *                  {@code http://localhost:<port>} outside any request (webhooks)
 */
@ConfigurationProperties("montage")
public record PublicUrlSettings(String publicUrl) {

    public PublicUrlSettings {
        // a trailing slash would double the one every path starts with
        publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }
}
