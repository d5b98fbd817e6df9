package dev.montage.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base URL of links made outside any request, such as the {@code download_url} in a webhook:
 * {@code montage.public-url} when set (the address clients reach the service at, behind a proxy), else
 * {@code http://localhost:<port>}, which only serves receivers on this host.
 */
@Component
public class PublicBaseUrl {

    private final Environment environment;
    private final String configured;

    PublicBaseUrl(Environment environment, @Value("${montage.public-url:}") String configured) {
        this.environment = environment;
        this.configured = configured.replaceAll("/+$", "");
    }

    public String get() {
        if (!configured.isBlank()) {
            return configured;
        }
        // the port the server really listens on, known once it has started (server.port may be 0: any free port)
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
