package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/** Fails when Azure Key Vault KMS is not enabled for etcd: Kubernetes secrets are then not under a customer key. */
public final class NoKmsEtcdRule extends CatalogRule implements ClusterRule {
    public static final String ID = "aks-no-kms-etcd";

    public NoKmsEtcdRule() {
        super(ID, Severity.MEDIUM,
                "Kubernetes secrets are not encrypted with a customer key",
                "securityProfile.azureKeyVaultKms is not enabled; disk BYOK does not cover secrets stored in etcd",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.HIPAA_ENCRYPTION, Compliance.FEDRAMP_SC28));
    }

    @Override
    public List<KeyPurpose> keyUse() {
        return List.of(KeyPurpose.KMS_ETCD);
    }

    @Override
    public void check(ClusterFacts facts, RuleContext context, Outcome out) {
        ManagedCluster c = facts.cluster();
        if (c.kms().enabled()) {
            return;
        }
        out.fail(c.id(), "Cluster " + c.name() + " does not encrypt Kubernetes secrets in etcd with a Key Vault key"
                        + " (azureKeyVaultKms is off).",
                fix(c, facts.vaultOf(KeyPurpose.OS_DISK)),
                Evidence.of("azureKeyVaultKms.enabled", false)
                        .and("infrastructureEncryption", c.kms().infrastructureEncryption()).map());
    }

    /**
     * The documented steps (AKS "KMS etcd encryption"): KMS needs a user-assigned cluster identity, which must hold
     * encrypt and decrypt on the key before KMS is turned on, and only secrets written afterwards are encrypted, so
     * existing ones are rewritten. The key goes in the vault of the cluster's disk key when there is one.
     */
    static String fix(ManagedCluster c, KeyVault diskVault) {
        String rg = Bash.q(c.resourceGroup());
        String cluster = Bash.q(c.name());
        String identity = Bash.q(c.name() + "-kms");
        String key = Bash.q(Names.key(c.name(), "-etcd"));
        Script script = new Script("Enable KMS on the cluster: it needs a user-assigned identity that can encrypt and"
                + " decrypt with the key first, and encrypts only secrets written afterwards");
        String vaultArg;
        if (diskVault != null && !diskVault.managedHsm()) {
            vaultArg = Bash.q(diskVault.name());
        } else {
            script.set("VAULT", "VAULT", "a Key Vault with purge protection");
            vaultArg = "\"$VAULT\"";
        }
        script.cmd("az identity create -g " + rg + " -n " + identity)
                .cmd("IDENTITY_ID=$(az identity show -g " + rg + " -n " + identity + " --query id -o tsv)")
                .cmd("IDENTITY_PRINCIPAL=$(az identity show -g " + rg + " -n " + identity + " --query principalId -o tsv)")
                .cmd("az aks update -g " + rg + " -n " + cluster + " --enable-managed-identity --assign-identity \"$IDENTITY_ID\"")
                .cmd("az keyvault key create --vault-name " + vaultArg + " -n " + key + " --kty RSA --size 2048")
                .cmd("KEY_ID=$(az keyvault key show --vault-name " + vaultArg + " -n " + key + " --query key.kid -o tsv)")
                .cmd("VAULT_ID=$(az keyvault show -n " + vaultArg + " --query id -o tsv)");
        if (diskVault != null && !diskVault.managedHsm() && !diskVault.usesRbac()) {
            script.cmd("az keyvault set-policy -n " + vaultArg + " --object-id \"$IDENTITY_PRINCIPAL\" --key-permissions encrypt decrypt");
        } else {
            script.cmd("az role assignment create --role \"Key Vault Crypto User\" --assignee-object-id \"$IDENTITY_PRINCIPAL\""
                    + " --assignee-principal-type ServicePrincipal --scope \"$VAULT_ID\"");
        }
        return script.cmd("az aks update -g " + rg + " -n " + cluster + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id"
                        + " \"$KEY_ID\" --azure-keyvault-kms-key-vault-network-access Public")
                .say("A vault without public access instead:")
                .cmd("az aks update -g " + rg + " -n " + cluster + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id"
                        + " \"$KEY_ID\" --azure-keyvault-kms-key-vault-network-access Private"
                        + " --azure-keyvault-kms-key-vault-resource-id \"$VAULT_ID\"")
                .say("Then rewrite existing secrets:")
                .cmd("kubectl get secrets --all-namespaces -o json | kubectl replace -f -")
                .terraform("a user-assigned identity block and key_management_service { key_vault_key_id ="
                        + " azurerm_key_vault_key.<key>.id } on azurerm_kubernetes_cluster." + NoByokRule.tfName(c.name())
                        + ", with an azurerm_role_assignment (Key Vault Crypto User) for that identity.");
    }
}
