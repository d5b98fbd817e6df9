package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a proxy the operator enables the standard forwarded headers ({@code server.forward-headers-strategy});
 * then, and only then, {@code download_url} is built from what the proxy forwards.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=framework")
class ForwardedDownloadUrlTest extends DownloadUrlRequests {

    @Test
    void theForwardedHeadersOfAnEnabledProxyMakeTheDownloadUrl() {
        String id = completedComposition();

        assertThat(downloadUrl(id, "Host: 127.0.0.1\r\nX-Forwarded-Host: media.example\r\nX-Forwarded-Proto: https"))
                .startsWith("https://media.example/v2/room_compositions/" + id + "/media?");
    }
}
