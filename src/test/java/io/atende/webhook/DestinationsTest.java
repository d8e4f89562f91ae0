package io.atende.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationsTest {

    static WebhookProperties properties(boolean allowPrivate) {
        return new WebhookProperties(allowPrivate, true, 4, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(72), 10, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofDays(30), Duration.ofHours(1), 100);
    }

    @Test
    void refusesLoopbackLinkLocalPrivateSharedAndUnspecifiedAddresses() throws Exception {
        for (String address : List.of("127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "224.0.0.1", "255.255.255.255")) {
            assertThat(Destinations.isInternal(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void refusesIpv6FormsThatCarryAPrivateIpv4Address() throws Exception {
        for (String address : List.of("::127.0.0.1", "::10.0.0.1", "::192.168.1.1", "::169.254.169.254",
                "2002:7f00:1::", "2002:a00:1::1", "2002:c0a8:101:1::", "2002:a9fe:a9fe::", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe",
                // Teredo: the client's IPv4 address inverted in the last 32 bits (127.0.0.1, 10.0.0.1, 169.254.169.254).
                "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001::5601:5601")) {
            assertThat(Destinations.isInternal(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void refusesEmbeddedPrivateAddressesInAUrlHost() throws Exception {
        var strict = new Destinations(properties(false));
        for (String url : List.of("http://[::127.0.0.1]/hook", "http://[::ffff:127.0.0.1]:8080/hook", "http://[2002:7f00:1::]/hook",
                "http://[64:ff9b::7f00:1]/hook", "http://[::a00:1]/hook")) {
            assertThat(strict.forbiddenAddress(Destinations.parse(url).orElseThrow())).as(url).isPresent();
        }
    }

    @Test
    void allowsOnlyTheWebPortsAndUnprivilegedOnesUnlessPrivateDestinationsAreAllowed() {
        var strict = new Destinations(properties(false));
        for (String url : List.of("https://example.com/hook", "http://example.com:80/", "https://example.com:443/", "http://example.com:1024/",
                "https://example.com:8443/", "http://example.com:65535/")) {
            assertThat(strict.allowsPort(URI.create(url))).as(url).isTrue();
        }
        for (String url : List.of("http://example.com:22/", "http://example.com:25/", "https://example.com:0/", "http://example.com:1023/",
                "http://example.com:65536/", "http://example.com:111/")) {
            assertThat(strict.allowsPort(URI.create(url))).as(url).isFalse();
        }
        assertThat(new Destinations(properties(true)).allowsPort(URI.create("http://example.com:25/"))).isTrue();
    }

    @Test
    void acceptsPublicAddresses() throws Exception {
        for (String address : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8",
                "::8.8.8.8", "2002:808:808::", "64:ff9b::808:808",
                "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "2001:4860:4860::8888")) {
            assertThat(Destinations.isInternal(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void theAllowSwitchLetsPrivateDestinationsThrough() throws Exception {
        var uri = URI.create("http://127.0.0.1:8080/hook");

        assertThat(new Destinations(properties(false)).forbiddenAddress(uri)).isPresent();
        assertThat(new Destinations(properties(true)).forbiddenAddress(uri)).isEmpty();
        assertThat(new Destinations(properties(false)).forbiddenAddress(URI.create("http://localhost/hook"))).isPresent();
        assertThat(new Destinations(properties(false)).forbiddenAddress(URI.create("http://[::1]:8080/hook"))).isPresent();
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAreDestinations() {
        assertThat(Destinations.parse("https://example.com/hook")).isPresent();
        assertThat(Destinations.parse("http://example.com:8080/a?b=c")).isPresent();
        assertThat(Destinations.parse("ftp://example.com/hook")).isEmpty();
        assertThat(Destinations.parse("/relative")).isEmpty();
        assertThat(Destinations.parse("https:///nohost")).isEmpty();
        assertThat(Destinations.parse("not a url")).isEmpty();
    }
}
