package io.byokwatch.adapter.plan;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;

import java.util.Locale;

/**
 * Ids and hosts that stand in where a plan or template cannot say what a resource's id will be. Their subscription
 * and resource group read {@code known-after-apply}; one that stands for a value byokwatch cannot follow is
 * registered with the overlay as open, so every look-up of it is unknown with the reason, never absent.
 */
final class StandInIds {
    private final OverlayInventory overlay;

    StandInIds(OverlayInventory overlay) {
        this.overlay = overlay;
    }

    /** An id for a resource whose own id the input does not allow to derive. */
    ResourceId id(String armType, String label) {
        return ResourceId.parse("/subscriptions/" + TfResolver.UNKNOWN_SEGMENT + "/resourceGroups/" + TfResolver.UNKNOWN_SEGMENT
                + "/providers/" + armType + "/" + safe(label));
    }

    /** An id standing for a reference that cannot be followed; look-ups of it are unknown with the reason. */
    ResourceId openId(String armType, String what, String reason) {
        ResourceId id = id(armType, "unresolved-" + what);
        overlay.open(id, reason);
        return id;
    }

    /** A key in a vault host standing for a reference that cannot be followed. */
    KeyRef openKey(String what, String reason) {
        return new KeyRef(openHost(what, reason), "unresolved", null);
    }

    String openHost(String what, String reason) {
        String host = safe(what).toLowerCase(Locale.ROOT) + ".unresolved";
        overlay.openHost(host, reason);
        return host;
    }

    /** Text usable as one id segment or host label: anything outside letters, digits, dot, dash and underscore is a dash. */
    static String safe(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "unnamed" : s;
    }
}
