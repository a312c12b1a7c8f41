package io.byokwatch.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** The network an address belongs to, as text, for "never seen from this network" comparisons. */
final class IpNetwork {
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?]?");

    private IpNetwork() {
    }

    /**
     * {@code 10.1.2.0/24} for {@code 10.1.2.7} at prefix 24; IPv6 likewise at its own prefix. Text that is neither (a
     * log may hold a host name or several addresses) is its own network.
     */
    static String of(String address, int ipv4Prefix, int ipv6Prefix) {
        long v4 = ipv4(address);
        if (v4 >= 0) {
            long masked = v4 & (0xFFFFFFFFL << (32 - ipv4Prefix)) & 0xFFFFFFFFL;
            return (masked >>> 24) + "." + ((masked >>> 16) & 255) + "." + ((masked >>> 8) & 255) + "." + (masked & 255)
                    + "/" + ipv4Prefix;
        }
        if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
            try {
                // The pattern admits only address literals, so this never resolves a name over the network.
                InetAddress a = InetAddress.getByName(address.replace("[", "").replace("]", "").replaceAll("%.*$", ""));
                if (a instanceof Inet6Address) {
                    byte[] b = a.getAddress();
                    for (int bit = ipv6Prefix; bit < 128; bit++) {
                        b[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
                    }
                    return InetAddress.getByAddress(b).getHostAddress() + "/" + ipv6Prefix;
                }
                return of(a.getHostAddress(), ipv4Prefix, ipv6Prefix);
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    /**
     * The 32 bits of a dotted IPv4 address, optionally followed by {@code :port}; -1 for anything else. Hand-parsed:
     * a day of logs holds hundreds of thousands of distinct addresses.
     */
    static long ipv4(String s) {
        long bits = 0;
        int octets = 0;
        int value = -1;
        int i = 0;
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                value = (value < 0 ? 0 : value * 10) + (ch - '0');
                if (value > 255) {
                    return -1;
                }
            } else if (ch == '.' && value >= 0 && octets < 3) {
                bits = (bits << 8) | value;
                octets++;
                value = -1;
            } else if (ch == ':' && octets == 3) {
                break;
            } else {
                return -1;
            }
        }
        if (octets != 3 || value < 0) {
            return -1;
        }
        if (i < s.length()) {
            for (int j = i + 1; j < s.length(); j++) {
                if (!Character.isDigit(s.charAt(j))) {
                    return -1;
                }
            }
            if (i + 1 == s.length()) {
                return -1;
            }
        }
        return (bits << 8) | value;
    }
}
