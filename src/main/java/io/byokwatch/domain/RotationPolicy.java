package io.byokwatch.domain;

import java.util.List;

/** A key's rotation policy: its lifetime actions ({@code rotate}/{@code notify}) and optional expiry duration. */
public record RotationPolicy(List<LifetimeAction> lifetimeActions, String expiryTime) {
    public RotationPolicy {
        lifetimeActions = List.copyOf(lifetimeActions);
    }

    /** True when some action rotates the key (ARM spells it {@code rotate}, the data plane {@code Rotate}). */
    public boolean rotates() {
        return lifetimeActions.stream().anyMatch(a -> "rotate".equalsIgnoreCase(a.action()));
    }

    /** One trigger and action; the trigger is an ISO-8601 duration after creation or before expiry. */
    public record LifetimeAction(String action, String timeAfterCreate, String timeBeforeExpiry) {
    }
}
