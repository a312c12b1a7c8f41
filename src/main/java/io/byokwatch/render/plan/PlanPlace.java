package io.byokwatch.render.plan;

import io.byokwatch.app.PlanReport;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.PlannedResource;

import java.util.List;
import java.util.Locale;

/**
 * Where in the plan a finding is to be fixed: the plan resource it is about, or, for a resource outside the plan
 * (an existing set, vault or key the plan refers to), the plan resource that refers to it: the cluster.
 *
 * @param action create, update, replace, delete, no-op, read, or {@code outside} for a resource the plan only refers to
 */
record PlanPlace(String address, String action, String type, PlannedResource.SourceLocation location) {

    static PlanPlace of(PlanReport report, ResourceId resource, List<ResourceId> clusters) {
        PlannedResource own = report.resourceFor(resource);
        if (own != null && (own.id() == null || resource.isUnder(own.id()))) {
            return new PlanPlace(own.address(), own.action().label(), own.type(), own.location());
        }
        for (ResourceId cluster : clusters) {
            PlannedResource referrer = report.resourceFor(cluster);
            if (referrer != null) {
                return new PlanPlace(referrer.address(), "outside", referrer.type(), referrer.location());
            }
        }
        return null;
    }

    /** The kinds as outputs name them: {@code disk-encryption-set}, {@code node-pool}. */
    static String kind(PlannedResource.Kind kind) {
        return switch (kind) {
            case VAULT_KEY -> "key";
            case KEY_VAULT -> "key-vault";
            default -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /** {@code main.tf:42}, or empty. */
    String where() {
        return location == null ? "" : location.file() + ":" + location.line();
    }
}
