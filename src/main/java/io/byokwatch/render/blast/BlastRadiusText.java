package io.byokwatch.render.blast;

import io.byokwatch.app.BlastRadius;
import io.byokwatch.domain.DiskEncryptionSet;

/** {@code blast-radius} for the terminal: what depends on the target, and never an all-clear the inventory cannot give. */
public final class BlastRadiusText {
    private BlastRadiusText() {
    }

    public static String render(BlastRadius.Result r, InventoryCoverage coverage) {
        StringBuilder sb = new StringBuilder("Blast radius of " + r.kind().label() + " " + r.target() + "\n");
        sb.append(count(r.diskEncryptionSets().size(), "disk encryption set")).append(" and ")
                .append(count(r.clusters().size(), "cluster")).append(" depend on it")
                .append(coverage.complete() ? "" : " in what could be read").append(".\n");
        for (DiskEncryptionSet s : r.diskEncryptionSets()) {
            sb.append("  set      ").append(s.name()).append("  (").append(s.id().resourceGroup()).append(")\n");
        }
        for (BlastRadius.Dependent d : r.clusters()) {
            sb.append("  cluster  ").append(d.name()).append("  via ").append(d.via()).append("  pools: ")
                    .append(d.nodePools().isEmpty() ? "-" : String.join(", ", d.nodePools())).append('\n');
        }
        if (r.volumesUnknown() != null && !r.diskEncryptionSets().isEmpty()) {
            sb.append("  persistent-volume disks not read: ").append(r.volumesUnknown()).append('\n');
        } else if (!r.volumeDisks().isEmpty()) {
            long orphans = r.volumeDisks().stream().filter(v -> v.owners().isEmpty()).count();
            sb.append("  ").append(count(r.volumeDisks().size(), "persistent-volume disk")).append(" use these sets")
                    .append(orphans == 0 ? "" : " (" + orphans + " owned by no cluster in the inventory)").append('\n');
        }
        sb.append(Verdicts.summary(r, coverage)).append('\n');
        if (!r.clusters().isEmpty() || !r.diskEncryptionSets().isEmpty()) {
            sb.append("For the revocation runbook (what stops when, the commands to disable, restore and verify): --format markdown\n");
        }
        return sb.toString();
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
