package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback",
            "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "fc00::1, private", "fd12:3456::1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "224.0.0.1, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", "::, unspecified",
            "::ffff:127.0.0.1, loopback"})
    void restrictedAddresses(String address, String kind) throws UnknownHostException {
        assertThat(TargetGuard.restrictedKind(InetAddress.getByName(address))).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1",
            "2606:2800:220:1::1", "fb00::1"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(TargetGuard.restrictedKind(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void refusesAUrlOnLoopbackUnlessAllowed() throws UnknownHostException {
        URI url = URI.create("http://127.0.0.1:8080/hooks");
        assertThat(new TargetGuard(false).refusal(url)).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
                        + " (montage.webhooks.allow-private-targets is off)"));
        assertThat(new TargetGuard(true).refusal(url)).isEmpty();
        assertThat(new TargetGuard(false).refusal(URI.create("https://93.184.216.34/hooks"))).isEmpty();
    }

    @Test
    void refusesANameThatResolvesToLoopback() throws UnknownHostException {
        assertThat(new TargetGuard(false).refusal(URI.create("http://localhost/hooks")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("refused: localhost resolves to")
                        .contains("loopback"));
    }
}
