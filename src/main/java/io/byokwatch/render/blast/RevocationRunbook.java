package io.byokwatch.render.blast;

import io.byokwatch.app.BlastRadius;
import io.byokwatch.app.BlastRadius.Dependent;
import io.byokwatch.app.BlastRadius.KeyInUse;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.render.MarkdownText;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code blast-radius --format markdown}: the revocation runbook for one key, vault or disk encryption set. What
 * depends on it, what stops and when for each way it is used ({@link KeyUses}), and the exact commands to disable it,
 * to restore it and to verify both, filled in with the real names and quoted for a POSIX shell.
 *
 * <p>Disabling is done per key version: {@code az keyvault key set-attributes} without {@code --version} changes only
 * the newest version, while a disk encryption set or KMS profile may pin an older one. The runbook therefore records
 * the enabled versions first and disables, and later re-enables, exactly those.
 */
public final class RevocationRunbook {
    /** Beyond this many persistent-volume disks the runbook counts the rest; JSON lists them all. */
    static final int VOLUME_ROWS = 100;
    private RevocationRunbook() {
    }

    /** @param now when the runbook is written; also the base of the example new expiry in the restore step */
    public static String render(BlastRadius.Result r, InventoryCoverage coverage, Instant now) {
        StringBuilder md = new StringBuilder();
        md.append("# Revocation runbook: ").append(r.kind().label()).append(' ').append(MarkdownText.code(title(r))).append("\n\n");
        md.append("Target ").append(MarkdownText.code(r.target())).append(", from the inventory ")
                .append(MarkdownText.code(coverage.source())).append(", written ").append(now.truncatedTo(ChronoUnit.SECONDS))
                .append(". Re-export the inventory and run this again before acting on an old copy.\n\n");
        if (!coverage.complete()) {
            md.append("> **The inventory could not be read completely.** What follows depends on the target in what could"
                    + " be read; more may. Fix or re-export these before relying on it:\n");
            coverage.problems().stream().limit(20).forEach(p -> md.append(">\n> - ").append(MarkdownText.text(p)).append('\n'));
            if (coverage.problems().size() > 20) {
                md.append(">\n> - and ").append(coverage.problems().size() - 20).append(" more\n");
            }
            md.append('\n');
        }
        dependents(md, r, coverage);
        volumes(md, r);
        stops(md, r);
        if (r.kind() == BlastRadius.Kind.IDENTITY) {
            identity(md, r);
            return md.toString();
        }
        if (r.keys().isEmpty()) {
            md.append("## Disable, restore, verify\n\n");
            md.append(r.kind() == BlastRadius.Kind.SET
                    ? "This disk encryption set is not in the inventory, so its key is not known here. Find it with "
                    + MarkdownText.code("az disk-encryption-set show --ids " + Shell.quote(r.target()) + " --query activeKey.keyUrl")
                    + " and run this command again on that key.\n"
                    : "No key of the target is in use by anything in the inventory, so there is nothing to disable here.\n");
            return md.toString();
        }
        before(md, r, coverage);
        disable(md, r);
        restore(md, r, now);
        verify(md, r);
        return md.toString();
    }

    /**
     * An identity is not revoked by disabling a key: what its loss does, and how to take its access away without
     * deleting it (AKS does not support deleting a KMS cluster's identity; a recreated one has a new principal id).
     */
    private static void identity(StringBuilder md, BlastRadius.Result r) {
        ResourceId id = ResourceId.orNull(r.target());
        String name = id == null ? r.target() : id.name();
        String group = id == null || id.resourceGroup() == null ? "RG" : id.resourceGroup();
        md.append("## Revoke, restore, verify\n\n");
        md.append("Do not delete the identity: AKS does not support deleting the identity a cluster's KMS uses, and an")
                .append(" identity created again under the same name has a new principal id that holds none of the old")
                .append(" grants. To cut its access, remove its key permissions instead (what the clusters and sets above")
                .append(" lose is the same); to restore, grant them again.\n\n```bash\n");
        md.append("PRINCIPAL=$(az identity show -g ").append(Shell.quote(group)).append(" -n ").append(Shell.quote(name))
                .append(" --query principalId -o tsv)\n");
        md.append("az role assignment list --assignee \"$PRINCIPAL\" --all -o table  # the grants it holds\n");
        for (KeyInUse k : r.keys()) {
            if (k.managedHsm()) {
                continue;
            }
            md.append("az keyvault show -n ").append(Shell.quote(k.key().vaultName()))
                    .append(" --query '{rbac: properties.enableRbacAuthorization, policies: properties.accessPolicies[].objectId}'\n");
        }
        md.append("```\n\nVerify on each cluster above:\n\n```bash\n");
        md.append("kubectl get secrets --all-namespaces > /dev/null && echo secrets readable\n```\n");
    }

    private static String title(BlastRadius.Result r) {
        if (r.kind() == BlastRadius.Kind.KEY && r.keys().size() == 1) {
            return r.keys().get(0).key().vaultName() + "/" + r.keys().get(0).key().name();
        }
        ResourceId id = ResourceId.orNull(r.target());
        return id != null ? id.name() : r.target();
    }

    private static void dependents(StringBuilder md, BlastRadius.Result r, InventoryCoverage coverage) {
        md.append("## What depends on it\n\n");
        md.append(Verdicts.summary(r, coverage)).append("\n\n");
        if (!r.clusters().isEmpty()) {
            md.append("| cluster | resource group | subscription | depends through | node pools |\n|---|---|---|---|---|\n");
            for (Dependent d : r.clusters()) {
                md.append("| ").append(MarkdownText.code(d.name())).append(" | ").append(MarkdownText.code(d.clusterId().resourceGroup()))
                        .append(" | ").append(MarkdownText.code(d.clusterId().subscriptionId())).append(" | ")
                        .append(MarkdownText.cell(KeyUses.describe(d)))
                        .append(d.diskEncryptionSet() != null ? " (set " + MarkdownText.code(d.diskEncryptionSet().name()) + ")" : "")
                        .append(" | ").append(d.nodePools().isEmpty() ? "-" : String.join(", ", d.nodePools().stream().map(MarkdownText::code).toList()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!r.diskEncryptionSets().isEmpty()) {
            md.append("| disk encryption set | resource group | key in use | follows new key versions |\n|---|---|---|---|\n");
            for (DiskEncryptionSet s : r.diskEncryptionSets()) {
                md.append("| ").append(MarkdownText.code(s.name())).append(" | ").append(MarkdownText.code(s.id().resourceGroup()))
                        .append(" | ").append(s.activeKey() == null ? "unknown" : MarkdownText.code(s.activeKey().toString()))
                        .append(" | ").append(s.rotationToLatestKeyVersion() ? "yes" : "no").append(" |\n");
            }
            md.append('\n');
        }
    }

    /** The persistent-volume disks behind the sets, or why they are not known: never silence about them. */
    private static void volumes(StringBuilder md, BlastRadius.Result r) {
        if (r.diskEncryptionSets().isEmpty() && r.volumeDisks().isEmpty() && r.kind() != BlastRadius.Kind.SET) {
            return;
        }
        md.append("### Persistent-volume disks\n\n");
        if (r.volumesUnknown() != null) {
            md.append("Not read: ").append(MarkdownText.text(r.volumesUnknown())).append(". Disks a storage class encrypts with")
                    .append(" these sets (`diskEncryptionSetID`) stop with the key too; `az disk-encryption-set")
                    .append(" list-associated-resources` (under Verify) lists every disk and snapshot each set encrypts.\n\n");
            return;
        }
        if (r.volumeDisks().isEmpty()) {
            md.append("No persistent-volume disk in the inventory uses these sets.\n\n");
            return;
        }
        long orphans = r.volumeDisks().stream().filter(v -> v.owners().isEmpty()).count();
        md.append(r.volumeDisks().size()).append(r.volumeDisks().size() == 1 ? " disk" : " disks")
                .append(orphans == 0 ? "" : ", " + orphans + " of them owned by no cluster in the inventory").append(":\n\n");
        md.append("| disk | resource group | cluster | attached |\n|---|---|---|---|\n");
        r.volumeDisks().stream().limit(VOLUME_ROWS).forEach(v -> md.append("| ").append(MarkdownText.cell(v.disk().describe()))
                .append(" | ").append(MarkdownText.code(v.disk().resourceGroup()))
                .append(" | ").append(v.owners().isEmpty() ? "none (an orphan)"
                        : String.join(", ", v.owners().stream().map(o -> MarkdownText.code(o.name())).toList()))
                .append(" | ").append(v.disk().attached() ? "yes" : "no").append(" |\n"));
        if (r.volumeDisks().size() > VOLUME_ROWS) {
            md.append("\nand ").append(r.volumeDisks().size() - VOLUME_ROWS).append(" more (`--format json` lists every one).\n");
        }
        md.append('\n');
    }

    private static void stops(StringBuilder md, BlastRadius.Result r) {
        Map<String, List<Dependent>> byUse = new LinkedHashMap<>();
        for (Dependent d : r.clusters()) {
            d.uses().forEach(u -> byUse.computeIfAbsent(u, k -> new ArrayList<>()).add(d));
        }
        if (byUse.isEmpty()) {
            return;
        }
        md.append("## What stops, and when\n\n");
        List<Map.Entry<String, List<Dependent>>> ordered = new ArrayList<>(byUse.entrySet());
        List<String> order = List.of(BlastRadius.DISK, BlastRadius.VOLUMES, BlastRadius.KMS);
        ordered.sort(java.util.Comparator.comparingInt(e -> order.contains(e.getKey()) ? order.indexOf(e.getKey()) : order.size()));
        for (Map.Entry<String, List<Dependent>> e : ordered) {
            KeyUses.Use use = KeyUses.of(e.getKey());
            md.append("### ").append(use.title()).append("\n\n");
            md.append("Clusters: ").append(String.join(", ", e.getValue().stream().map(d -> MarkdownText.code(d.name())).toList()))
                    .append(".\n\n");
            use.stops().forEach(s -> md.append("- ").append(s).append('\n'));
            md.append('\n');
        }
    }

    private static void before(StringBuilder md, BlastRadius.Result r, InventoryCoverage coverage) {
        md.append("## Before you disable\n\n");
        md.append("1. Tell the owners of the clusters above, and agree how you will know the key can come back.\n");
        if (r.kind() == BlastRadius.Kind.SET) {
            md.append("1. Disabling the key stops everything else that uses it too, not only this set. See it first with ")
                    .append(MarkdownText.code("byokwatch blast-radius --inventory " + Shell.quote(coverage.source()) + " "
                            + Shell.quote(r.keys().get(0).key().vaultName() + "/" + r.keys().get(0).key().name())
                            + " --format markdown")).append(".\n");
        }
        for (KeyInUse k : r.keys()) {
            KeyVault v = k.vault();
            String name = vaultLabel(k);
            if (v == null) {
                md.append("1. The inventory does not hold vault ").append(MarkdownText.code(k.key().vaultName()))
                        .append(": check that it can give the key back (soft delete and purge protection on) with ")
                        .append(MarkdownText.code(showVault(k))).append(".\n");
            } else if (!v.purgeProtected()) {
                md.append("1. **Disable, never delete** keys in ").append(name).append(": it has no purge protection, so a")
                        .append(" deleted key can be purged, and then nothing recovers the disks or secrets.\n");
            } else {
                md.append("1. ").append(name).append(" has purge protection: a key deleted by mistake can be recovered for its")
                        .append(" retention period, but disabling is still the reversible way.\n");
            }
        }
        md.append("1. Record which versions of each key are enabled now; the restore step re-enables exactly these.\n\n");
        StringBuilder sh = new StringBuilder();
        for (KeyInUse k : r.keys()) {
            sh.append("az keyvault key list-versions ").append(vaultFlag(k)).append(" --name ").append(Shell.quote(k.key().name()))
                    .append(" --query \"[?attributes.enabled].kid\" -o tsv > ").append(versionsFile(k)).append('\n');
        }
        md.append(MarkdownText.fenced("bash", sh.toString())).append('\n');
    }

    private static void disable(StringBuilder md, BlastRadius.Result r) {
        md.append("## Disable\n\n");
        md.append("Without `--version`, `az keyvault key set-attributes` changes only the newest version; what uses the key");
        List<String> pins = new ArrayList<>();
        for (KeyInUse k : r.keys()) {
            if (!k.versions().isEmpty()) {
                pins.add(MarkdownText.code(k.key().name()) + " version " + String.join(", ", k.versions().stream().map(MarkdownText::code).toList()));
            }
            if (k.latest()) {
                pins.add(MarkdownText.code(k.key().name()) + " at its newest version");
            }
        }
        md.append(pins.isEmpty() ? " may pin any version" : " here uses " + String.join("; ", pins))
                .append(". So every version that was enabled is disabled:\n\n");
        StringBuilder sh = new StringBuilder();
        for (KeyInUse k : r.keys()) {
            sh.append("while read -r kid; do az keyvault key set-attributes --id \"$kid\" --enabled false; done < ")
                    .append(versionsFile(k)).append('\n');
        }
        md.append(MarkdownText.fenced("bash", sh.toString())).append('\n');
    }

    private static void restore(StringBuilder md, BlastRadius.Result r, Instant now) {
        md.append("## Restore\n\n");
        md.append("Re-enable the versions that were enabled:\n\n");
        StringBuilder sh = new StringBuilder();
        for (KeyInUse k : r.keys()) {
            sh.append("while read -r kid; do az keyvault key set-attributes --id \"$kid\" --enabled true; done < ")
                    .append(versionsFile(k)).append('\n');
        }
        md.append(MarkdownText.fenced("bash", sh.toString())).append('\n');
        md.append("If a key was deleted rather than disabled, recover it while it is still soft-deleted (a purged key is gone),"
                + " then re-enable as above. If it expired, move the expiry of each version (choose the date):\n\n");
        StringBuilder recover = new StringBuilder();
        String expiry = now.plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString();
        for (KeyInUse k : r.keys()) {
            recover.append("az keyvault key recover ").append(vaultFlag(k)).append(" --name ").append(Shell.quote(k.key().name())).append('\n');
            recover.append("while read -r kid; do az keyvault key set-attributes --id \"$kid\" --expires ").append(expiry)
                    .append("; done < ").append(versionsFile(k)).append('\n');
        }
        md.append(MarkdownText.fenced("bash", recover.toString())).append('\n');
        List<Dependent> disk = r.clusters().stream().filter(d -> d.uses().contains(BlastRadius.DISK)).toList();
        if (!disk.isEmpty()) {
            md.append("Node VMs that Azure shut down may stay stopped once the key is back: start them.\n\n");
            StringBuilder start = new StringBuilder();
            for (Dependent d : disk) {
                start.append("node_rg=$(az aks show --resource-group ").append(Shell.quote(d.clusterId().resourceGroup()))
                        .append(" --name ").append(Shell.quote(d.name())).append(" --subscription ")
                        .append(Shell.quote(d.clusterId().subscriptionId())).append(" --query nodeResourceGroup -o tsv)\n");
                start.append("for vmss in $(az vmss list --resource-group \"$node_rg\" --subscription ")
                        .append(Shell.quote(d.clusterId().subscriptionId()))
                        .append(" --query \"[].name\" -o tsv); do az vmss start --resource-group \"$node_rg\" --name \"$vmss\" --subscription ")
                        .append(Shell.quote(d.clusterId().subscriptionId())).append("; done\n");
            }
            md.append(MarkdownText.fenced("bash", start.toString())).append('\n');
        }
    }

    private static void verify(StringBuilder md, BlastRadius.Result r) {
        md.append("## Verify\n\n");
        md.append("After disabling every version should show `false`, after restoring `true` again:\n\n");
        StringBuilder sh = new StringBuilder();
        for (KeyInUse k : r.keys()) {
            sh.append("az keyvault key list-versions ").append(vaultFlag(k)).append(" --name ").append(Shell.quote(k.key().name()))
                    .append(" --query \"[].{kid: kid, enabled: attributes.enabled}\" -o table\n");
        }
        md.append(MarkdownText.fenced("bash", sh.toString())).append('\n');
        if (!r.diskEncryptionSets().isEmpty()) {
            md.append("Every disk and snapshot each disk encryption set encrypts, in AKS or not (all of them stop with the key):\n\n");
            StringBuilder sets = new StringBuilder();
            for (DiskEncryptionSet s : r.diskEncryptionSets()) {
                sets.append("az disk-encryption-set list-associated-resources --ids ").append(Shell.quote(s.id().toString())).append('\n');
            }
            md.append(MarkdownText.fenced("bash", sets.toString())).append('\n');
        }
        for (Dependent d : r.clusters()) {
            md.append("Cluster ").append(MarkdownText.code(d.name())).append(":\n\n");
            StringBuilder sh2 = new StringBuilder();
            sh2.append("az aks get-credentials --resource-group ").append(Shell.quote(d.clusterId().resourceGroup()))
                    .append(" --name ").append(Shell.quote(d.name())).append(" --subscription ")
                    .append(Shell.quote(d.clusterId().subscriptionId())).append(" --overwrite-existing\n");
            for (String u : d.uses()) {
                KeyUses.of(u).verify().forEach(v -> sh2.append(v).append('\n'));
            }
            md.append(MarkdownText.fenced("bash", sh2.toString())).append('\n');
        }
        md.append("Then export the inventory again and run `byokwatch scan`: after disabling, each cluster above reports")
                .append(" `des-key-unavailable` (or its KMS finding); after restoring, those findings are gone.\n");
    }

    private static String vaultFlag(KeyInUse k) {
        return (k.managedHsm() ? "--hsm-name " : "--vault-name ") + Shell.quote(k.key().vaultName());
    }

    private static String showVault(KeyInUse k) {
        return "az keyvault show " + (k.managedHsm() ? "--hsm-name " : "--name ") + Shell.quote(k.key().vaultName())
                + " --query \"{softDelete: properties.enableSoftDelete, purgeProtection: properties.enablePurgeProtection}\"";
    }

    private static String vaultLabel(KeyInUse k) {
        return (k.managedHsm() ? "managed HSM " : "vault ") + MarkdownText.code(k.key().vaultName());
    }

    private static String versionsFile(KeyInUse k) {
        return Shell.fileName(k.key().vaultName(), k.key().name(), "enabled-versions");
    }
}
