package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails when the disk encryption set a key use goes through (the cluster's, or the one a persistent volume names) is
 * known not to exist; unknown sets are not guessed about.
 */
public final class DesNotFoundRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "aks-des-not-found";

    public DesNotFoundRule() {
        super(ID, Severity.CRITICAL,
                "AKS cluster references a disk encryption set that does not exist",
                "the disk encryption set named by the cluster does not exist (a live read returned 404, or a complete"
                    + " export lacks it); new disks and node scale-outs will fail",
            Compliance.AT_REST);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        if (!use.throughSet() || !(use.set() instanceof Lookup.Absent<?> absent)) {
            return;
        }
        ManagedCluster c = use.cluster();
        ResourceId setId = use.setId();
        List<KeyConsumer> volumes = use.volumes();
        String who = volumes.isEmpty() ? "Cluster " + c.name() + " references"
                : Volumes.sentenceStart(volumes) + " of cluster " + c.name() + (volumes.size() == 1 ? " references" : " reference");
        String breaks = volumes.isEmpty() ? "new node disks cannot be created or encrypted"
                : "the disks it encrypted cannot be unwrapped and new volumes on it cannot be created";
        out.fail(setId, who + " disk encryption set " + setId.name() + ", which does not exist, so " + breaks + ".",
                remediation(c, setId),
                Evidence.of("diskEncryptionSetId", setId).and("lookup", absent.evidence()).map());
    }

    /**
     * The set is gone, so neither its key nor its vault's permission model is known here: the person names the key,
     * and the script grants the recreated set's identity the way the vault decides access (RBAC or access policies).
     */
    static String remediation(ManagedCluster c) {
        return remediation(c, c.diskEncryptionSetId());
    }

    static String remediation(ManagedCluster c, ResourceId setId) {
        String rg = Bash.q(setId.resourceGroup());
        String set = Bash.q(setId.name());
        return new Script("Recreate the set under the same id, with access to its key, before the cluster scales")
                .set("KEY_ID", "https://VAULT.vault.azure.net/keys/KEY/VERSION", "the key the set used")
                .set("VAULT", "VAULT", "the vault that holds it")
                .cmd("VAULT_ID=$(az keyvault show -n \"$VAULT\" --query id -o tsv)")
                .cmd("az disk-encryption-set create -g " + rg + " -n " + set + " --key-url \"$KEY_ID\" --source-vault"
                        + " \"$VAULT_ID\" --enable-auto-key-rotation true")
                .cmd("PRINCIPAL=$(az disk-encryption-set show -g " + rg + " -n " + set + " --query identity.principalId -o tsv)")
                .cmd("if [ \"$(az keyvault show -n \"$VAULT\" --query properties.enableRbacAuthorization -o tsv)\" = true ]; then")
                .cmd("  az role assignment create --role \"Key Vault Crypto Service Encryption User\" --assignee-object-id"
                        + " \"$PRINCIPAL\" --assignee-principal-type ServicePrincipal --scope \"$VAULT_ID\"")
                .cmd("else")
                .cmd("  az keyvault set-policy -n \"$VAULT\" --object-id \"$PRINCIPAL\" --key-permissions get wrapKey unwrapKey")
                .cmd("fi")
                .terraform("re-apply the azurerm_disk_encryption_set that " + NoByokRule.tfName(c.name())
                        + " references, with its azurerm_role_assignment or azurerm_key_vault_access_policy; do not"
                        + " remove it while the cluster exists.");
    }
}
