package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/**
 * {@code download_url} is a credential: a link the service hands out must point at the service, whatever a client
 * writes in {@code Host} or in forwarded headers the operator has not enabled. With neither {@code montage.public-url}
 * nor {@code server.forward-headers-strategy}, the link's base is the address the connection came in on.
 */
class DownloadUrlHostTest extends DownloadUrlRequests {

    @Test
    void aClientSuppliedHostOrForwardedHeaderDoesNotSteerTheDownloadUrl() {
        String id = completedComposition();

        for (String headers : new String[] {"Host: evil.example", "Host: evil.example:8080",
                "Host: 127.0.0.1\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https",
                "Host: 127.0.0.1\r\nForwarded: host=evil.example;proto=https"}) {
            URI link = URI.create(downloadUrl(id, headers));
            assertThat(link.getHost()).as(headers).isEqualTo("127.0.0.1");
            assertThat(link.getPort()).as(headers).isEqualTo(port);
            assertThat(link.getScheme()).as(headers).isEqualTo("http");
        }
    }
}
