package io.byokwatch.app;

import io.byokwatch.port.PlanGap;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.PlanResolution;
import io.byokwatch.port.PlannedResource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on a plan or template: a scan report over the clusters the change creates, alters or reaches, plus
 * what only a plan has. {@code replacements} lists what the change destroys and recreates (or destroys) in a
 * cluster's chain, most dangerous first; {@code unattached} holds findings on plan resources that belong to no
 * cluster byokwatch can place; {@code notEvaluated} holds what the plan leaves open outside every judged cluster.
 */
public record PlanReport(ScanReport scan, String format, String source, List<PlannedResource> resources,
                         List<Replacement> replacements, List<ScanReport.SharedFinding> unattached,
                         List<PlanGap> notEvaluated, List<PlanResolution> resolutions, List<String> notes) {
    public PlanReport {
        resources = List.copyOf(resources);
        replacements = List.copyOf(replacements);
        unattached = List.copyOf(unattached);
        notEvaluated = List.copyOf(notEvaluated);
        resolutions = List.copyOf(resolutions);
        notes = List.copyOf(notes);
    }

    /**
     * A destructive change to something a cluster's keys depend on.
     *
     * @param consequence one sentence saying what is lost
     */
    public record Replacement(PlannedResource resource, String consequence) {
    }

    /** The plan resource a finding's resource id belongs to: itself, else its top-level resource; null when none. */
    public PlannedResource resourceFor(ResourceId id) {
        if (id == null) {
            return null;
        }
        PlannedResource best = null;
        for (PlannedResource r : resources) {
            if (r.id() == null) {
                continue;
            }
            if (r.id().equals(id)) {
                return r;
            }
            if (best == null && id.isUnder(r.id()) && r.kind() != PlannedResource.Kind.CLUSTER) {
                best = r;
            }
        }
        if (best != null) {
            return best;
        }
        for (PlannedResource r : resources) {
            if (r.id() != null && id.isUnder(r.id())) {
                return r;
            }
        }
        return null;
    }

    /** How many resources of the plan each action touches, in action order. */
    public Map<PlannedResource.Action, Integer> countsByAction() {
        Map<PlannedResource.Action, Integer> counts = new EnumMap<>(PlannedResource.Action.class);
        resources.forEach(r -> counts.merge(r.action(), 1, Integer::sum));
        return counts;
    }

    /** The most severe counted finding, on clusters or unattached; null when there is none. */
    public Severity worst() {
        Severity worst = scan.worst();
        for (ScanReport.SharedFinding f : unattached) {
            if (worst == null || f.finding().severity().atLeast(worst)) {
                worst = f.finding().severity();
            }
        }
        return worst;
    }
}
