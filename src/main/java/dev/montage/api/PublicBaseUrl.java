package dev.montage.api;

import java.util.Locale;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The base URL of links the service hands out. A signed {@code download_url} is a credential, so its address must
 * not be one a client chose: the {@code Host} header is the client's to write. In order:
 * <ol>
 *   <li>{@code montage.public-url} when set: the address clients reach the service at (behind a proxy, say);</li>
 *   <li>within a request, when the operator enabled forwarded headers ({@code server.forward-headers-strategy}
 *       {@code framework} or {@code native}, which trust a proxy's {@code X-Forwarded-*} / {@code Forwarded}): the
 *       address the proxy says the request came to;</li>
 *   <li>within a request otherwise: the scheme, address and port the connection came in on (the server's own
 *       socket, which no header changes);</li>
 *   <li>outside any request (the {@code download_url} in a webhook): {@code http://localhost:<port>}, which only
 *       serves receivers on this host.</li>
 * </ol>
 */
@Component
@EnableConfigurationProperties(PublicUrlSettings.class)
public class PublicBaseUrl {

    private final Environment environment;
    private final String configured;
    private final boolean forwardedHeadersTrusted;

    PublicBaseUrl(Environment environment, PublicUrlSettings settings) {
        this.environment = environment;
        this.configured = settings.publicUrl();
        // Spring Boot's own setting (ServerProperties), read as the server reads it
        String strategy = environment.getProperty("server.forward-headers-strategy", "none").trim()
                .toLowerCase(Locale.ROOT);
        this.forwardedHeadersTrusted = strategy.equals("framework") || strategy.equals("native");
    }

    /** For a link answered to the current request. */
    public String forCurrentRequest() {
        if (!configured.isBlank()) {
            return configured;
        }
        if (forwardedHeadersTrusted) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        }
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return get();
        }
        HttpServletRequest request = attributes.getRequest();
        String address = request.getLocalAddr();
        String host = address.contains(":") ? "[" + address + "]" : address; // IPv6 literal
        return request.getScheme() + "://" + host + ":" + request.getLocalPort() + request.getContextPath();
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
