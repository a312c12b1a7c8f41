package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsState;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails when Kubernetes secrets in etcd are not under a customer key: KMS off, or KMS data encryption with
 * platform-managed keys ("platform-managed KMS", which keeps "encryption: Enabled" and still fails a customer-key
 * policy). Passes on either experience with a customer key; a record that cannot show which holds is not evaluated.
 */
public final class NoKmsEtcdRule extends CatalogRule implements ClusterRule {
    public static final String ID = "aks-no-kms-etcd";

    public NoKmsEtcdRule() {
        super(ID, Severity.MEDIUM,
                "Kubernetes secrets are not encrypted with a customer key",
                "securityProfile.azureKeyVaultKms is not enabled (KMS off, or KMS data encryption with"
                        + " platform-managed keys); disk BYOK does not cover secrets stored in etcd",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.HIPAA_ENCRYPTION, Compliance.FEDRAMP_SC28));
    }

    @Override
    public List<KeyPurpose> keyUse() {
        return List.of(KeyPurpose.KMS_ETCD);
    }

    @Override
    public void check(ClusterFacts facts, RuleContext context, Outcome out) {
        ManagedCluster c = facts.cluster();
        KmsState state = c.kms().state();
        if (state.customerKey()) {
            return;
        }
        if (c.kms().enabled()) {
            // on, but the record names no keyId: which key (if any) is not known
            out.notEvaluated(c.id(), state.missing());
            return;
        }
        KeyRef former = c.kms().formerKey() != null ? c.kms().formerKey() : c.kms().key();
        String before = former == null ? "" : " It used customer key " + former.vaultName() + "/" + former.name()
                + " before, which stays needed to read what was written with it.";
        if (state.kind() == KmsState.Kind.PLATFORM_MANAGED) {
            out.fail(c.id(), "Cluster " + c.name() + " encrypts Kubernetes secrets in etcd with platform-managed KMS"
                            + " keys (infrastructureEncryption Enabled, no azureKeyVaultKms), not a customer key." + before,
                    platformFix(c), Evidence.of("kms", "platform-managed").and("infrastructureEncryption",
                            c.kms().infrastructureEncryption()).and("formerKey", former).map());
            return;
        }
        // azureKeyVaultKms off: no customer key either way; a record that cannot show the newer block only leaves
        // open whether platform-managed KMS is on, which fails a customer-key policy just the same
        out.fail(c.id(), "Cluster " + c.name() + " does not encrypt Kubernetes secrets in etcd with a Key Vault key"
                        + " (azureKeyVaultKms is off" + (state.kind() == KmsState.Kind.UNKNOWN
                        ? "; whether platform-managed KMS is on, the record cannot show" : "") + ")." + before,
                fix(c, facts.vaultOf(KeyPurpose.OS_DISK)),
                Evidence.of("azureKeyVaultKms.enabled", false)
                        .and("infrastructureEncryption", c.kms().infrastructureEncryption()).and("formerKey", former).map());
    }

    /**
     * From platform-managed keys to a customer key within KMS data encryption (AKS "KMS data encryption"): a
     * versionless key, which AKS rotates itself. Preview in the aks-preview extension; azurerm cannot express it.
     */
    static String platformFix(ManagedCluster c) {
        String rg = Bash.q(c.resourceGroup());
        String cluster = Bash.q(c.name());
        return new Script("Move KMS data encryption from platform-managed keys to a customer key (preview: needs the"
                + " aks-preview extension, whose flags the az CLI itself does not have)")
                .set("VAULT", "VAULT", "a Key Vault with purge protection")
                .cmd("az keyvault key create --vault-name \"$VAULT\" -n " + Bash.q(Names.key(c.name(), "-etcd"))
                        + " --kty RSA --size 2048")
                .cmd("KEY_ID=$(az keyvault key show --vault-name \"$VAULT\" -n " + Bash.q(Names.key(c.name(), "-etcd"))
                        + " --query key.kid -o tsv)")
                .cmd("VERSIONLESS_KEY_ID=\"${KEY_ID%/*}\"", "KMS data encryption takes the key without its version")
                .say("Grant the cluster identity Key Vault Crypto User on the vault, then, with the aks-preview extension:")
                .cmd("az aks update -g " + rg + " -n " + cluster + " --kms-infrastructure-encryption Enabled"
                        + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id \"$VERSIONLESS_KEY_ID\"")
                .terraform("none: azurerm_kubernetes_cluster cannot express KMS data encryption"
                        + " (kubernetesResourceObjectEncryptionProfile); manage it with az until it can.");
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
