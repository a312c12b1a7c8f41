package io.byokwatch.render.blast;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.BlastRadius;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;
import io.byokwatch.testsupport.AzCommandLines;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The runbook on the example estate: every section, the key-use slots, and commands az itself accepts. */
class RevocationRunbookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final SnapshotInventory ESTATE = SnapshotInventory.load(Path.of("examples/estate"));
    private static final InventoryCoverage COMPLETE = new InventoryCoverage("examples/estate", List.of());

    private static String runbook(BlastRadius.Result r) {
        return RevocationRunbook.render(r, COMPLETE, NOW);
    }

    @Test
    void theSharedPaymentKey_explainsDiskAndKmsStops_andDisablesEveryEnabledVersion() {
        String md = runbook(new BlastRadius().forKey(KeyRef.parse("https://kv-pay-prod.vault.azure.net/keys/aks-disk"), ESTATE));
        for (String section : List.of("# Revocation runbook: key `kv-pay-prod/aks-disk`", "## What depends on it", "## What stops, and when",
                "### Node disks (through the disk encryption set)", "### Kubernetes secrets (KMS etcd encryption)",
                "about an hour", "API server", "## Before you disable", "## Disable", "## Restore", "## Verify")) {
            assertTrue(md.contains(section), section + "\n" + md);
        }
        assertTrue(md.contains("az keyvault key list-versions --vault-name kv-pay-prod --name aks-disk --query \"[?attributes.enabled].kid\" -o tsv > kv-pay-prod.aks-disk.enabled-versions"), md);
        assertTrue(md.contains("az keyvault key set-attributes --id \"$kid\" --enabled false; done < kv-pay-prod.aks-disk.enabled-versions"), md);
        assertTrue(md.contains("az keyvault key set-attributes --id \"$kid\" --enabled true; done < kv-pay-prod.aks-disk.enabled-versions"), md);
        assertTrue(md.contains("az keyvault key recover --vault-name kv-pay-prod --name aks-disk"), md);
        assertTrue(md.contains("changes only the newest version"), md);
        assertFalse(md.contains("Nothing in this inventory depends on it"), md);
    }

    @Test
    void aVaultWithoutPurgeProtection_saysDisableNeverDelete() {
        ResourceId vault = ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-legacy/providers/Microsoft.KeyVault/vaults/kv-shared-legacy");
        String md = runbook(new BlastRadius().forVault(vault, ESTATE));
        assertTrue(md.contains("**Disable, never delete** keys in vault `kv-shared-legacy`"), md);
        assertTrue(md.contains("az disk-encryption-set list-associated-resources --ids"), md);
    }

    @Test
    void aManagedHsmKey_usesHsmName() {
        String md = runbook(new BlastRadius().forVault(ResourceId.parse(
                "/subscriptions/c7b2e4a1-5f3d-4c8e-a9b1-6e2d4f7c3a03/resourceGroups/rg-hsm/providers/Microsoft.KeyVault/managedHSMs/hsm-card"), ESTATE));
        assertTrue(md.contains("az keyvault key list-versions --hsm-name hsm-card"), md);
        assertFalse(md.contains("--vault-name hsm-card"), md);
    }

    @Test
    void aKeyUseWithoutADescription_isStillListed_asStoppingWithTheKey() {
        BlastRadius.Result base = new BlastRadius().forSet(ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-legacy/providers/Microsoft.Compute/diskEncryptionSets/des-shared-a"), ESTATE);
        List<BlastRadius.Dependent> withVolumes = new ArrayList<>();
        for (BlastRadius.Dependent d : base.clusters()) {
            withVolumes.add(new BlastRadius.Dependent(d.clusterId(), d.name(), d.nodePools(), "disk+files", d.diskEncryptionSet(), null));
        }
        String md = runbook(new BlastRadius.Result(base.target(), base.kind(), base.keys(), base.diskEncryptionSets(), withVolumes));
        assertTrue(md.contains("### Through `files`"), md);
        assertTrue(md.contains("treat it as stopping when the key does"), md);
        assertTrue(md.contains("Disabling the key stops everything else that uses it too"), md);
    }

    @Test
    void persistentVolumeDisks_areListedWithTheirClusters_orSaidToBeUnread() {
        String md = runbook(new BlastRadius().forVault(ResourceId.parse(
                "/subscriptions/a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02/resourceGroups/rg-phi-keys/providers/Microsoft.KeyVault/vaults/kv-phi-prod"), ESTATE));
        assertTrue(md.contains("### Persistent-volume disks\n\n2 disks:"), md);
        assertTrue(md.contains("| disk pvc-7e2a5c91-6d4b-4f3e-8a1c-9b0d2e4f6a7b (ehr/ehr-documents) | `mc_rg-ehr_aks-ehr_westeurope` | `aks-ehr` | yes |"), md);
        assertTrue(md.contains("### Persistent-volume disks (through a storage class's disk encryption set)\n\nClusters: `aks-ehr`."), md);
        assertTrue(md.indexOf("### Node disks") < md.indexOf("### Persistent-volume disks (through")
                && md.indexOf("### Persistent-volume disks (through") < md.indexOf("### Kubernetes secrets"), "uses in one order");
        SnapshotInventory noDisks = SnapshotInventory.load(Path.of("examples/estate/payments"));
        String unread = runbook(new BlastRadius().forVault(ResourceId.parse(
                "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-legacy/providers/Microsoft.KeyVault/vaults/kv-shared-legacy"), noDisks));
        assertTrue(unread.contains("### Persistent-volume disks\n\nNot read: "), unread);
        assertTrue(unread.contains("stop with the key too"), unread);
    }

    @Test
    void anIncompleteInventory_isSaidFirst_andNeverGivesAnAllClear() {
        BlastRadius.Result none = new BlastRadius().forKey(KeyRef.parse("https://kv-phi-prod.vault.azure.net/keys/nobody-uses-this"), ESTATE);
        assertTrue(runbook(none).contains("Nothing in this inventory depends on it."));
        String md = RevocationRunbook.render(none, new InventoryCoverage("estate", List.of("estate/broken.json:3:1: invalid JSON")), NOW);
        assertTrue(md.contains("**The inventory could not be read completely.**"), md);
        assertTrue(md.contains("estate/broken.json:3:1"), md);
        assertFalse(md.contains("Nothing in this inventory depends on it"), md);
        assertTrue(md.contains("This is not an all-clear."), md);
    }

    @Test
    void namesAShellWouldReadDifferently_areQuoted() {
        assertEquals("rg-pay_prod.1", Shell.quote("rg-pay_prod.1"));
        assertEquals("'rg (legacy)'", Shell.quote("rg (legacy)"));
        assertEquals("'it'\\''s'", Shell.quote("it's"));
        assertEquals("'$(rm -rf ~)'", Shell.quote("$(rm -rf ~)"));
        assertEquals("''", Shell.quote(""));
    }

    @Test
    void everyAzCommandInTheRunbooks_parsesWithAzItself(@TempDir Path config) throws Exception {
        assertTrue(new java.io.File("/usr/bin/az").canExecute(), "azure-cli is installed by scripts/ensure-test-tools");
        StringBuilder all = new StringBuilder();
        all.append(runbook(new BlastRadius().forKey(KeyRef.parse("https://kv-pay-prod.vault.azure.net/keys/aks-disk"), ESTATE)));
        all.append(runbook(new BlastRadius().forVault(ResourceId.parse(
                "/subscriptions/c7b2e4a1-5f3d-4c8e-a9b1-6e2d4f7c3a03/resourceGroups/rg-hsm/providers/Microsoft.KeyVault/managedHSMs/hsm-card"), ESTATE)));
        assertNotNull(AzCommandLines.parseError(List.of("az", "keyvault", "key", "set-attributes", "--id", "x", "--enabld", "false"),
                config), "the check can fail");
        Map<String, List<String>> commands = AzCommandLines.in(all.toString());
        assertTrue(commands.size() >= 8, commands.keySet().toString());
        List<String> refused = AzCommandLines.refused(commands.values(), config);
        assertTrue(refused.isEmpty(), String.join("\n", refused));
    }
}
