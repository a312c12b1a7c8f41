package io.byokwatch.domain;

import java.util.List;
import java.util.Locale;

/**
 * How a vault (or Managed HSM) can be reached: {@code publicNetworkAccess} (Enabled | Disabled; an open string, null
 * when the record leaves it out: older API versions do not have it), the firewall ({@code networkAcls}; null when the
 * record has none, which leaves every network allowed) and the private endpoint connections (empty when there are
 * none).
 *
 * <p>Absent is kept apart from not in the record: a full vault record that lacks {@code networkAcls} or
 * {@code privateEndpointConnections} has none, while a record that does not carry the vault's settings at all (built
 * by hand, planned, a summary) is {@link #notInRecord}, whose {@code unread} says why and {@link #known()} is false.
 */
public record VaultNetwork(String publicNetworkAccess, NetworkAcls networkAcls,
                           List<PrivateEndpointConnection> privateEndpointConnections, String unread) {

    public VaultNetwork {
        privateEndpointConnections = List.copyOf(privateEndpointConnections);
        publicNetworkAccess = publicNetworkAccess == null || publicNetworkAccess.isBlank() ? null : publicNetworkAccess;
        unread = unread == null || unread.isBlank() ? null : unread;
    }

    /** The network settings of a full vault record. */
    public static VaultNetwork of(String publicNetworkAccess, NetworkAcls networkAcls,
                                  List<PrivateEndpointConnection> privateEndpointConnections) {
        return new VaultNetwork(publicNetworkAccess, networkAcls, privateEndpointConnections, null);
    }

    /** A record that does not carry the vault's network settings; {@code reason} says what supplies them. */
    public static VaultNetwork notInRecord(String reason) {
        return new VaultNetwork(null, null, List.of(), reason);
    }

    public boolean known() {
        return unread == null;
    }

    /**
     * True for Enabled, false for any other stated value (Disabled; SecuredByPerimeter, where a network security
     * perimeter decides); null when the record does not state it or does not carry the settings.
     */
    public Boolean publicNetworkAccessEnabled() {
        if (!known() || publicNetworkAccess == null) {
            return null;
        }
        return publicNetworkAccess.trim().toLowerCase(Locale.ROOT).equals("enabled");
    }

    /**
     * Whether the firewall lets any public network in: true with no {@code networkAcls} or default action Allow, false
     * with Deny; null when the record does not carry the settings or states no default action.
     */
    public Boolean firewallAllowsAllNetworks() {
        if (!known()) {
            return null;
        }
        if (networkAcls == null) {
            return true;
        }
        return networkAcls.allowByDefault() ? Boolean.TRUE : networkAcls.denyByDefault() ? Boolean.FALSE : null;
    }

    /** Approved connections, the only ones that carry traffic. */
    public List<PrivateEndpointConnection> approvedConnections() {
        return privateEndpointConnections.stream().filter(PrivateEndpointConnection::approved).toList();
    }

    /** Whether a connection of the vault names this private endpoint, whatever its status. */
    public boolean connects(ResourceId privateEndpoint) {
        return privateEndpointConnections.stream().anyMatch(c -> c.connects(privateEndpoint));
    }
}
