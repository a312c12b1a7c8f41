package io.byokwatch.adapter.plan;

import io.byokwatch.port.Inventory;
import io.byokwatch.port.PlannedEstate;
import io.byokwatch.port.PlannedResource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code terraform show -json} output into a {@link PlannedEstate} over a base inventory. */
public final class TerraformPlans {
    /** What byokwatch does not use: the after values again, output changes, drift already folded into the changes. */
    private static final java.util.Set<String> UNREAD = java.util.Set.of("planned_values", "output_changes",
            "resource_drift", "relevant_attributes", "checks");
    private TerraformPlans() {
    }

    /**
     * @param planFile  the JSON plan
     * @param base      what exists outside the plan ({@code --inventory} or {@code --live}); null for nothing
     * @param sourceDir the root module's folder, to place resources at their file and line; null to skip
     * @throws PlanFormatException when the file is not a readable plan
     */
    public static PlannedEstate read(Path planFile, Inventory base, Path sourceDir) {
        TfPlan plan = TfPlan.read(JsonFiles.read(planFile, "plan", UNREAD), planFile.toString());
        TfResolver resolver = new TfResolver(plan);
        PlanLayer planned = new PlanLayer();
        PlanLayer state = new PlanLayer();
        OverlayInventory overlay = new OverlayInventory(base == null ? new NoInventory() : base, planned, state);
        TfRecords records = new TfRecords(resolver, overlay, planned, state);
        records.mapAll();
        List<PlannedResource> resources = records.resources;
        if (sourceDir != null) {
            TfSources sources = new TfSources(sourceDir, plan.config);
            List<PlannedResource> located = new ArrayList<>();
            for (PlannedResource r : resources) {
                PlannedResource.SourceLocation at = sources.locate(TfAddress.parse(r.address()));
                located.add(at == null ? r : r.withLocation(at));
            }
            resources = located;
        }
        List<String> notes = new ArrayList<>();
        notes.add("Terraform plan " + planFile + " (format " + plan.formatVersion
                + (plan.terraformVersion == null ? "" : ", Terraform " + plan.terraformVersion) + "): "
                + plan.instances.size() + " resource instances, " + resources.size() + " that byokwatch judges or follows");
        if (!resolver.assumedPublicCloud().isEmpty()) {
            notes.add("vault hosts of planned vaults are taken as <name>.vault.azure.net because provider "
                    + String.join(", ", resolver.assumedPublicCloud()) + " names no environment (public cloud)");
        }
        notes.addAll(records.notes);
        return new PlannedEstate("terraform", planFile.toString(), overlay, resources, records.storageClasses,
                resolver.resolutions(), records.gaps, notes);
    }
}
