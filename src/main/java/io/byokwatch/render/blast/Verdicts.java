package io.byokwatch.render.blast;

import io.byokwatch.app.BlastRadius;

/**
 * The one sentence that sums a blast radius up, shared by the table and the runbook so they never disagree. It says
 * "nothing depends on it" only when nothing does and every file was read.
 */
final class Verdicts {
    private Verdicts() {
    }

    static String summary(BlastRadius.Result r, InventoryCoverage coverage) {
        String incomplete = "The inventory could not be read completely (" + BlastRadiusText.count(coverage.problems().size(),
                "problem") + "): more may depend on it than is listed. This is not an all-clear.";
        if (!r.clusters().isEmpty()) {
            java.util.List<String> effects = new java.util.ArrayList<>();
            if (r.clusters().stream().anyMatch(d -> d.uses().contains(BlastRadius.DISK))) {
                effects.add("node disks fail about an hour later");
            }
            if (r.clusters().stream().anyMatch(d -> d.uses().contains(BlastRadius.VOLUMES))) {
                effects.add("persistent volumes on those disks fail with them");
            }
            if (r.clusters().stream().anyMatch(d -> d.uses().contains(BlastRadius.KMS))) {
                effects.add("the API server of a KMS cluster can no longer read its secrets");
            }
            String stops = "Disabling, deleting or letting it expire stops these clusters"
                    + (effects.isEmpty() ? "" : ": " + (effects.size() == 1 ? effects.get(0)
                    : String.join(", ", effects.subList(0, effects.size() - 1)) + ", and " + effects.get(effects.size() - 1))) + ".";
            return coverage.complete() ? stops : stops + " " + incomplete;
        }
        if (!r.diskEncryptionSets().isEmpty()) {
            String sets = (r.diskEncryptionSets().size() == 1 ? "This disk encryption set is" : "These disk encryption sets are")
                    + " used by no AKS cluster in the inventory"
                    + (r.volumeDisks().isEmpty() ? "" : ", though " + BlastRadiusText.count(r.volumeDisks().size(),
                    "persistent-volume disk") + " no cluster owns use " + (r.diskEncryptionSets().size() == 1 ? "it" : "them"))
                    + "; disks outside AKS (VMs, disks left by deleted clusters)"
                    + " may still use " + (r.diskEncryptionSets().size() == 1 ? "it" : "them")
                    + ": az disk-encryption-set list-associated-resources lists them.";
            return coverage.complete() ? sets : sets + " " + incomplete;
        }
        return coverage.complete() ? "Nothing in this inventory depends on it." : incomplete;
    }
}
