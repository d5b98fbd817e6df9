package dev.montage.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhooks from being aimed at the installation's own network: a URL whose host resolves to a loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — cloud metadata — and fe80::/10),
 * multicast or unspecified address is refused, unless {@code montage.webhooks.allow-private-targets} is set.
 * A host with several addresses is refused when any of them is such an address, since the connection could go
 * to any.
 *
 * <p>The name is resolved here and again by the HTTP client; a DNS answer that changes in between (rebinding)
 * is not caught. Where that matters, route webhooks through an egress proxy.
 */
final class TargetGuard {

    private final boolean allowPrivate;

    TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} must not be called, or empty when it may. */
    Optional<String> refusal(URI url) throws UnknownHostException {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        for (InetAddress address : InetAddress.getAllByName(host)) {
            Optional<String> kind = restrictedKind(address);
            if (kind.isPresent()) {
                return Optional.of("refused: " + host + " resolves to " + address.getHostAddress() + ", a "
                        + kind.get() + " address (montage.webhooks.allow-private-targets is off)");
            }
        }
        return Optional.empty();
    }

    /** What makes {@code address} off limits, or empty for a public address. */
    static Optional<String> restrictedKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    /** fc00::/7, the IPv6 counterpart of the private IPv4 ranges, which {@link InetAddress} does not flag. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
