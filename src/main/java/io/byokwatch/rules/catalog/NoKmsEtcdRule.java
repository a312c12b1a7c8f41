package io.byokwatch.rules.catalog;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

import java.util.List;

/** Fails when Azure Key Vault KMS is not enabled for etcd: Kubernetes secrets are then not under a customer key. */
public final class NoKmsEtcdRule extends CatalogRule {
    public static final String ID = "aks-no-kms-etcd";

    public NoKmsEtcdRule() {
        super(ID, Severity.MEDIUM,
                "Kubernetes secrets are not encrypted with a customer key",
                "securityProfile.azureKeyVaultKms is not enabled; disk BYOK does not cover secrets stored in etcd",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.HIPAA_ENCRYPTION, Compliance.FEDRAMP_SC28));
    }

    @Override
    public void check(Chain chain, Outcome out) {
        ManagedCluster c = chain.cluster();
        if (c.kms().enabled()) {
            return;
        }
        out.fail(c.id(), "Cluster " + c.name() + " does not encrypt Kubernetes secrets in etcd with a Key Vault key"
                        + " (azureKeyVaultKms is off).",
                "Enable KMS with a key the organisation controls (this works on an existing cluster):\n"
                        + "  az aks update -g " + c.resourceGroup() + " -n " + c.name()
                        + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key-id-with-version>"
                        + " --azure-keyvault-kms-key-vault-network-access Public\n"
                        + "Terraform: key_management_service { key_vault_key_id = azurerm_key_vault_key.<key>.id } on"
                        + " azurerm_kubernetes_cluster." + NoByokRule.tfName(c.name()) + ".",
                Evidence.of("azureKeyVaultKms.enabled", false)
                        .and("infrastructureEncryption", c.kms().infrastructureEncryption()).map());
    }
}
