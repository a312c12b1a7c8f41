package io.byokwatch.rules;

import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;

/**
 * A principal that must be able to use a key for a key use to hold, and for what.
 *
 * @param label    how a sentence names whose identity it is: "disk encryption set des-pay"
 * @param resource the resource that holds the identity, where a missing identity or grant is fixed
 */
public record KeyUser(String label, ResourceId resource, ManagedIdentity identity, KeyOperations needs) {
    public KeyUser {
        identity = identity == null ? ManagedIdentity.NONE : identity;
    }
}
