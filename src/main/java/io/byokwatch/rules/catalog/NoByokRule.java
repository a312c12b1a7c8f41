package io.byokwatch.rules.catalog;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

/** Fails when the cluster names no disk encryption set; passes when it names one (whether it resolves is another rule). */
public final class NoByokRule extends CatalogRule {
    public static final String ID = "aks-no-byok";

    public NoByokRule() {
        super(ID, Severity.HIGH,
                "AKS cluster disks are not encrypted with a customer-managed key",
                "the cluster has no disk encryption set, so node OS and data disks use platform-managed keys",
                Compliance.AT_REST);
    }

    @Override
    public void check(Chain chain, Outcome out) {
        ManagedCluster c = chain.cluster();
        if (c.diskEncryptionSetId() != null) {
            return;
        }
        out.fail(c.id(), "Cluster " + c.name() + " has no disk encryption set, so its node disks are encrypted with"
                        + " platform-managed keys that the organisation does not control.",
                remediation(c), Evidence.of("diskEncryptionSetId", "absent").and("resourceGroup", c.resourceGroup())
                        .and("location", c.location()).map());
    }

    static String remediation(ManagedCluster c) {
        String rg = c.resourceGroup();
        return "A disk encryption set can only be chosen when a cluster is created; an existing cluster or node pool"
                + " cannot be switched. Build a replacement cluster on a customer-managed key and move workloads:\n"
                + "  az keyvault create -g " + rg + " -n <kv-name> --enable-purge-protection true --retention-days 90\n"
                + "  az keyvault key create --vault-name <kv-name> -n " + c.name() + "-disk --kty RSA-HSM --size 3072\n"
                + "  az disk-encryption-set create -g " + rg + " -n " + c.name() + "-des --key-url <key-id>"
                + " --source-vault <kv-name> --enable-auto-key-rotation true\n"
                + "  az keyvault set-policy -n <kv-name> --object-id <des-principal-id> --key-permissions get wrapKey unwrapKey\n"
                + "  az aks create -g " + rg + " -n " + c.name() + "-byok --node-osdisk-diskencryptionset-id"
                + " /subscriptions/" + c.subscriptionId() + "/resourceGroups/" + rg
                + "/providers/Microsoft.Compute/diskEncryptionSets/" + c.name() + "-des\n"
                + "Terraform: set disk_encryption_set_id = azurerm_disk_encryption_set." + tfName(c.name())
                + ".id on azurerm_kubernetes_cluster." + tfName(c.name()) + " (forces a new cluster).";
    }

    static String tfName(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
