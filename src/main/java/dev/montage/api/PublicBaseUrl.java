package dev.montage.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The base URL of links the service hands out: {@code montage.public-url} when set (the address clients reach
 * the service at, behind a proxy). Otherwise, within a request, the address that request came to; outside any
 * request (the {@code download_url} in a webhook), {@code http://localhost:<port>}, which only serves receivers
 * on this host.
 */
@Component
public class PublicBaseUrl {

    private final Environment environment;
    private final String configured;

    PublicBaseUrl(Environment environment, @Value("${montage.public-url:}") String configured) {
        this.environment = environment;
        this.configured = configured.replaceAll("/+$", "");
    }

    /** For a link answered to the current request. */
    public String forCurrentRequest() {
        return configured.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : configured;
    }

    /** For a link made outside any request. */
    public String get() {
        if (!configured.isBlank()) {
            return configured;
        }
        // the port the server really listens on, known once it has started (server.port may be 0: any free port)
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
