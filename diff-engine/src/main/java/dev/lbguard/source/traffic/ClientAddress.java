package dev.lbguard.source.traffic;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Optional;

/** The client's address of a logged {@code address:port}, as the source-ip conditions compare it. */
final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The address of {@code [v6]:port}, {@code v4:port} or an unbracketed {@code v6:port} (the port is what
     * follows the last colon); empty for {@code -} or anything that is not one IP address (a unix socket), which
     * leaves source-ip conditions unknown rather than wrongly decided.
     */
    static Optional<String> of(String addressAndPort) {
        String address;
        if (addressAndPort.startsWith("[")) {
            int close = addressAndPort.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            address = addressAndPort.substring(1, close);
        } else {
            int colon = addressAndPort.lastIndexOf(':');
            address = colon < 0 ? addressAndPort : addressAndPort.substring(0, colon);
        }
        return isAddress(address) ? Optional.of(address) : Optional.empty();
    }

    static boolean isAddress(String address) {
        if (address.isEmpty() || address.equals("-")) {
            return false;
        }
        if (isDottedQuad(address)) {
            return true; // nearly every line of a log; the library's parse is most of the reading otherwise
        }
        IPAddress ip = new IPAddressString(address).getAddress();
        return ip != null && !ip.isMultiple() && !ip.isPrefixed();
    }

    /** Four decimal parts of 0 to 255 without leading zeros: an IPv4 address as logs write it. */
    private static boolean isDottedQuad(String s) {
        int parts = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            int value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return parts == 4 && !s.endsWith(".");
    }
}
