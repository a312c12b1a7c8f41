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
public final class PlanReport {
    private final ScanReport scan;
    private final String format;
    private final String source;
    private final List<PlannedResource> resources;
    private final List<Replacement> replacements;
    private final List<ScanReport.SharedFinding> unattached;
    private final List<PlanGap> notEvaluated;
    private final List<PlanResolution> resolutions;
    private final List<String> notes;
    private final Map<String, PlannedResource> byId = new java.util.HashMap<>();

    public PlanReport(ScanReport scan, String format, String source, List<PlannedResource> resources,
                      List<Replacement> replacements, List<ScanReport.SharedFinding> unattached,
                      List<PlanGap> notEvaluated, List<PlanResolution> resolutions, List<String> notes) {
        this.scan = scan;
        this.format = format;
        this.source = source;
        this.resources = List.copyOf(resources);
        this.replacements = List.copyOf(replacements);
        this.unattached = List.copyOf(unattached);
        this.notEvaluated = List.copyOf(notEvaluated);
        this.resolutions = List.copyOf(resolutions);
        this.notes = List.copyOf(notes);
        for (PlannedResource r : this.resources) {
            if (r.id() != null) {
                byId.putIfAbsent(r.id().key(), r);
            }
        }
    }

    public ScanReport scan() {
        return scan;
    }

    /** {@code terraform} or {@code arm}. */
    public String format() {
        return format;
    }

    public String source() {
        return source;
    }

    public List<PlannedResource> resources() {
        return resources;
    }

    public List<Replacement> replacements() {
        return replacements;
    }

    public List<ScanReport.SharedFinding> unattached() {
        return unattached;
    }

    public List<PlanGap> notEvaluated() {
        return notEvaluated;
    }

    public List<PlanResolution> resolutions() {
        return resolutions;
    }

    public List<String> notes() {
        return notes;
    }

    /**
     * A destructive change to something a cluster's keys depend on.
     *
     * @param consequence one sentence saying what is lost
     */
    public record Replacement(PlannedResource resource, String consequence) {
    }

    /**
     * The plan resource a finding's resource id belongs to: itself, else the nearest enclosing resource that is not a
     * cluster (a key's vault), else its cluster; null when none. Indexed once, since renderers ask for every finding.
     */
    public PlannedResource resourceFor(ResourceId id) {
        if (id == null) {
            return null;
        }
        PlannedResource own = byId.get(id.key());
        if (own != null) {
            return own;
        }
        PlannedResource cluster = null;
        String key = id.key();
        for (int slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
            PlannedResource enclosing = byId.get(key.substring(0, slash));
            if (enclosing != null && enclosing.kind() != PlannedResource.Kind.CLUSTER) {
                return enclosing;
            }
            if (enclosing != null && cluster == null) {
                cluster = enclosing;
            }
        }
        return cluster;
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
