package io.byokwatch.domain;

import java.util.Locale;

/**
 * One private endpoint connection of a vault ({@code properties.privateEndpointConnections[]}): the private endpoint
 * it connects and the vault owner's decision on it ({@code privateLinkServiceConnectionState.status}: Pending,
 * Approved, Rejected, Disconnected; an open string). Only an approved connection carries traffic. Fields are null
 * when the record leaves them out.
 */
public record PrivateEndpointConnection(ResourceId id, ResourceId privateEndpointId, String status,
                                        String provisioningState) {

    public boolean approved() {
        return status != null && status.trim().toLowerCase(Locale.ROOT).equals("approved");
    }

    /** Whether this connection is the given private endpoint's (ids compare case-insensitively). */
    public boolean connects(ResourceId privateEndpoint) {
        return privateEndpointId != null && privateEndpointId.equals(privateEndpoint);
    }
}
