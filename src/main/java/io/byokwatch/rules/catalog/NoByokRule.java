package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/** Fails when the cluster names no disk encryption set; passes when it names one (whether it resolves is another rule). */
public final class NoByokRule extends CatalogRule implements ClusterRule {
    public static final String ID = "aks-no-byok";

    public NoByokRule() {
        super(ID, Severity.HIGH,
                "AKS cluster disks are not encrypted with a customer-managed key",
                "the cluster has no disk encryption set, so node OS and data disks use platform-managed keys",
                Compliance.AT_REST);
    }

    @Override
    public List<KeyPurpose> keyUse() {
        return List.of(KeyPurpose.OS_DISK);
    }

    @Override
    public void check(ClusterFacts facts, RuleContext context, Outcome out) {
        ManagedCluster c = facts.cluster();
        if (c.diskEncryptionSetId() != null) {
            return;
        }
        out.fail(c.id(), "Cluster " + c.name() + " has no disk encryption set, so its node disks are encrypted with"
                        + " platform-managed keys that the organisation does not control.",
                remediation(c), Evidence.of("diskEncryptionSetId", "absent").and("resourceGroup", c.resourceGroup())
                        .and("location", c.location()).map());
    }

    static String remediation(ManagedCluster c) {
        String rg = Bash.q(c.resourceGroup());
        String vault = Bash.q(Names.vault(c.name(), "-cmk"));
        String key = Bash.q(Names.key(c.name(), "-disk"));
        String set = Bash.q(c.name() + "-des");
        return new Script("A disk encryption set is chosen only when a cluster is created: build a replacement cluster on"
                + " a customer-managed key and move workloads. RSA-HSM keys need a Premium vault; RBAC is stated because"
                + " az CLI 2.61+ default to it and older versions do not")
                .cmd("az keyvault create -g " + rg + " -n " + vault + " --sku premium --enable-purge-protection true"
                        + " --retention-days 90 --enable-rbac-authorization true")
                .cmd("VAULT_ID=$(az keyvault show -n " + vault + " --query id -o tsv)")
                .cmd("ME=$(az ad signed-in-user show --query id -o tsv)")
                .cmd("az role assignment create --role \"Key Vault Crypto Officer\" --assignee-object-id \"$ME\""
                        + " --assignee-principal-type User --scope \"$VAULT_ID\"")
                .cmd("az keyvault key create --vault-name " + vault + " -n " + key + " --kty RSA-HSM --size 3072")
                .cmd("KEY_ID=$(az keyvault key show --vault-name " + vault + " -n " + key + " --query key.kid -o tsv)")
                .cmd("az disk-encryption-set create -g " + rg + " -n " + set + " --key-url \"$KEY_ID\" --source-vault"
                        + " \"$VAULT_ID\" --enable-auto-key-rotation true")
                .cmd("PRINCIPAL=$(az disk-encryption-set show -g " + rg + " -n " + set + " --query identity.principalId -o tsv)")
                .cmd("az role assignment create --role \"Key Vault Crypto Service Encryption User\" --assignee-object-id"
                        + " \"$PRINCIPAL\" --assignee-principal-type ServicePrincipal --scope \"$VAULT_ID\"")
                .cmd("DES_ID=$(az disk-encryption-set show -g " + rg + " -n " + set + " --query id -o tsv)")
                .cmd("az aks create -g " + rg + " -n " + Bash.q(c.name() + "-byok") + " --node-osdisk-diskencryptionset-id"
                        + " \"$DES_ID\" --enable-encryption-at-host")
                .terraform("set disk_encryption_set_id = azurerm_disk_encryption_set." + tfName(c.name())
                        + ".id on azurerm_kubernetes_cluster." + tfName(c.name()) + " (forces a new cluster); with"
                        + " auto_key_rotation_enabled = true the set's key_vault_key_id must be the key's versionless_id.");
    }

    static String tfName(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
