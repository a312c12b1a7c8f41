package io.byokwatch.rules.catalog;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

/** Fails when the cluster's disk encryption set is known not to exist; unknown sets are not guessed about. */
public final class DesNotFoundRule extends CatalogRule {
    public static final String ID = "aks-des-not-found";

    public DesNotFoundRule() {
        super(ID, Severity.CRITICAL,
                "AKS cluster references a disk encryption set that does not exist",
                "the disk encryption set named by the cluster does not exist (a live read returned 404, or a complete"
                    + " export lacks it); new disks and node scale-outs will fail",
            Compliance.AT_REST);
    }

    @Override
    public void check(Chain chain, Outcome out) {
        ManagedCluster c = chain.cluster();
        if (!(chain.set() instanceof Lookup.Absent<?> absent)) {
            return;
        }
        out.fail(c.diskEncryptionSetId(), "Cluster " + c.name() + " references disk encryption set "
                        + c.diskEncryptionSetId().name() + ", which does not exist, so new node disks cannot be created"
                        + " or encrypted.",
                "Restore or recreate the set under the same id, with access to its key, before the cluster scales:\n"
                        + "  az disk-encryption-set show --ids " + c.diskEncryptionSetId() + "\n"
                        + "  az disk-encryption-set create -g " + c.diskEncryptionSetId().resourceGroup() + " -n "
                        + c.diskEncryptionSetId().name() + " --key-url <key-id> --source-vault <kv-name>\n"
                        + "  az keyvault set-policy -n <kv-name> --object-id <des-principal-id> --key-permissions get wrapKey unwrapKey\n"
                        + "Terraform: re-apply the azurerm_disk_encryption_set that "
                        + NoByokRule.tfName(c.name()) + " references; do not remove it while the cluster exists.",
                Evidence.of("diskEncryptionSetId", c.diskEncryptionSetId()).and("lookup", absent.evidence()).map());
    }
}
