package io.connectionhealth.notification;

import io.connectionhealth.base.InvalidSettingException;
import org.springframework.boot.http.client.InetAddressFilter;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses a webhook may connect to (SSRF protection). Public unicast addresses are allowed; loopback,
 * private, link-local (cloud metadata 169.254.169.254 included), CGNAT, multicast, unspecified, IPv6 unique-local
 * and the other special-purpose ranges are refused unless inside a configured allow-listed CIDR.
 * The filter is applied by the HTTP client to every address the host resolves to, at connect time, and the
 * connection goes to a checked address (see {@link WebhookClient}).
 */
final class AddressPolicy {

    /** Ranges refused on top of Spring Boot's internal/special-purpose/multicast sets, spelled out for the reader. */
    private static final String[] REFUSED = {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::ffff:0:0:0/96", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b:1::/48"};

    private final InetAddressFilter allowed;
    private final List<String> allowedCidrs;

    AddressPolicy(List<String> allowedCidrs) {
        this.allowedCidrs = List.copyOf(allowedCidrs);
        InetAddressFilter publicAddresses = InetAddressFilter.externalAddresses()
                .andNot(InetAddressFilter.multicast(), InetAddressFilter.specialPurpose())
                .andNot(REFUSED);
        this.allowed = allowList(allowedCidrs).or(publicAddresses);
    }

    /** The addresses the setting opens; checked when the settings are read, before the database is migrated. */
    static InetAddressFilter allowList(List<String> allowedCidrs) {
        try {
            return InetAddressFilter.of(allowedCidrs.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new InvalidSettingException("app.webhooks.allowed-cidrs (APP_WEBHOOKS_ALLOWED_CIDRS) holds an invalid "
                    + "CIDR in " + allowedCidrs + ": " + e.getMessage(), e);
        }
    }

    InetAddressFilter filter() {
        return allowed;
    }

    boolean allows(InetAddress address) {
        return allowed.matches(address);
    }

    /**
     * A check at save time for URLs whose host is an IP literal or {@code localhost}: those can be judged without DNS,
     * so a bad one is refused at once. Other names are checked when the delivery connects. Null when allowed.
     */
    String refusalForLiteralHost(String url) {
        if (url == null) {
            return null;
        }
        String host = URI.create(url).getHost();
        if (host == null) {
            return null;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.endsWith(".")) { // "localhost." is localhost: the root's dot is implied in every name
            bare = bare.substring(0, bare.length() - 1);
        }
        InetAddress address = null;
        if (bare.equalsIgnoreCase("localhost") || bare.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            address = InetAddress.getLoopbackAddress();
        } else if (bare.contains(":") || NUMERIC_LAST_LABEL.matcher(bare).find()) {
            // an address: judged here. Java, curl and browsers read shorthand IPv4 forms differently (127.1,
            // 0x7f000001, 017700000001), and an IPv6 zone names this machine's interfaces, so only the plain
            // forms are taken
            if (!DOTTED_QUAD.matcher(bare).matches() && (!bare.contains(":") || bare.contains("%"))) {
                return "is not an address written plainly: give an IPv4 address as four decimal numbers "
                        + "(203.0.113.5) or an IPv6 address without a zone, or use a host name";
            }
            try {
                address = InetAddress.getByName(bare);
            } catch (UnknownHostException e) {
                return "is not a valid IP address";
            }
        }
        if (address == null || allows(address)) {
            return null;
        }
        return "points to " + address.getHostAddress() + ", a loopback, private, link-local or otherwise internal "
                + "address; such targets are refused unless the server allows them: start it with "
                + "APP_WEBHOOKS_ALLOWED_CIDRS=" + address.getHostAddress().replaceFirst("%.*", "")
                + (address.getAddress().length == 4 ? "/32" : "/128")
                + " (or a wider range, comma-separated)"
                + (allowedCidrs.isEmpty() ? "" : "; it allows " + String.join(",", allowedCidrs) + " now");
    }

    /** WHATWG URL parsing (browsers, curl) reads a host whose last label is a number as an IPv4 address. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(^|\\.)(0[xX][0-9a-fA-F]*|[0-9]+)$");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
}
