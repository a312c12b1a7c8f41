package io.byokwatch.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class IpNetworkTest {
    @Test
    void ipv4_isCutToItsPrefix_withOrWithoutAPort() {
        assertEquals("10.1.2.0/24", IpNetwork.of("10.1.2.7", 24, 64));
        assertEquals("10.1.2.0/24", IpNetwork.of("10.1.2.250:443", 24, 64));
        assertEquals("10.1.0.0/16", IpNetwork.of("10.1.2.7", 16, 64));
        assertEquals("203.0.113.9/32", IpNetwork.of("203.0.113.9", 32, 64));
    }

    @Test
    void ipv6_isCutToItsPrefix() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", IpNetwork.of("2001:db8:1:2:aaaa::1", 24, 64));
    }

    @Test
    void textThatIsNoAddress_isItsOwnNetwork() {
        assertEquals("10.1.2.300", IpNetwork.of("10.1.2.300", 24, 64));
        assertEquals("gateway.contoso", IpNetwork.of("gateway.contoso", 24, 64));
        assertEquals("1.2.3.4, 5.6.7.8", IpNetwork.of("1.2.3.4, 5.6.7.8", 24, 64));
        assertEquals("1.2.3.4:", IpNetwork.of("1.2.3.4:", 24, 64));
        assertEquals("dead:beef", IpNetwork.of("dead:beef", 24, 64));
    }
}
