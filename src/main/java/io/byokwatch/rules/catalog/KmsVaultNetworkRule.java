package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.NetworkAcls;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultNetwork;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails when the KMS plugin cannot reach the vault of the key KMS uses now. Legacy KMS, {@code Private}: the cluster
 * must name the vault ({@code keyVaultResourceId}) and the vault must hold an approved private endpoint connection
 * (AKS creates it in the node resource group). Legacy KMS, {@code Public} (the default): the vault must let every
 * network in ({@code publicNetworkAccess} Enabled and {@code networkAcls.defaultAction} Allow), since "selected
 * networks" and "disable public access" are documented as unsupported. KMS data encryption reaches a firewalled vault
 * through the trusted-services bypass ({@code bypass} AzureServices) or an open one. Only a stated Disabled or Deny
 * fails: a vault record without its network settings (planned, built by hand), or from an API version that does not
 * state public access, is reported as not checked without gating the verdict. Managed HSM pools are not judged here.
 */
public final class KmsVaultNetworkRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "kms-vault-unreachable";

    public KmsVaultNetworkRule() {
        super(ID, Severity.CRITICAL,
                "KMS cannot reach its key vault over the network",
                "keyVaultNetworkAccess Private without keyVaultResourceId or an approved private endpoint connection on"
                        + " the vault, or Public with a vault firewall or public access that blocks the KMS plugin",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_SC28));
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        if (!Kms.current(use)) {
            return;
        }
        ManagedCluster c = use.cluster();
        KmsProfile kms = c.kms();
        boolean legacy = Kms.legacy(use);
        if (legacy && kms.privateVaultNetwork() && kms.keyVaultResourceId() == null) {
            out.fail(c.id(), "Cluster " + c.name() + " reaches its KMS vault privately (keyVaultNetworkAccess Private)"
                            + " but names no keyVaultResourceId, which Private requires, so the KMS plugin has no private"
                            + " path to key " + use.keyRef().name() + ".",
                    privateFix(c, null), Evidence.of("keyVaultNetworkAccess", kms.networkAccess())
                            .and("keyVaultResourceId", null).map());
            return;
        }
        KeyVault vault = Links.vault(use, out);
        if (vault == null || vault.managedHsm()) {
            return;
        }
        VaultNetwork net = vault.network();
        if (!net.known()) {
            // a vault record without its settings is partial (planned, built by hand): said, not gating
            out.unchecked(vault.id(), net.unread() + "; add the output of `az keyvault show --name " + Bash.q(vault.name())
                    + "` (it carries publicNetworkAccess, networkAcls and privateEndpointConnections)");
            return;
        }
        if (legacy && kms.privateVaultNetwork()) {
            checkPrivate(c, vault, out);
        } else if (legacy) {
            checkPublic(c, vault, out);
        } else {
            checkTrusted(c, vault, out);
        }
    }

    private static void checkPrivate(ManagedCluster c, KeyVault vault, Outcome out) {
        KmsProfile kms = c.kms();
        if (!kms.keyVaultResourceId().equals(vault.id())) {
            out.fail(c.id(), "Cluster " + c.name() + " names vault " + kms.keyVaultResourceId().name()
                            + " as its private KMS vault (keyVaultResourceId), but its key lives in " + Links.vaultLabel(vault)
                            + ", so the private path leads to the wrong vault.",
                    privateFix(c, vault), Evidence.of("keyVaultResourceId", kms.keyVaultResourceId())
                            .and("keyVault", vault.id()).map());
            return;
        }
        if (vault.network().approvedConnections().isEmpty()) {
            out.fail(c.id(), "Cluster " + c.name() + " reaches " + Links.vaultLabel(vault) + " privately for KMS, but"
                            + " the vault has no approved private endpoint connection"
                            + (vault.network().privateEndpointConnections().isEmpty() ? ""
                            : " (its connections are " + statuses(vault.network()) + ")")
                            + ", so the KMS plugin cannot reach the key.",
                    privateFix(c, vault), Evidence.of("keyVaultNetworkAccess", "Private")
                            .and("privateEndpointConnections", vault.network().privateEndpointConnections().size())
                            .and("approved", 0).map());
        }
    }

    private static void checkPublic(ManagedCluster c, KeyVault vault, Outcome out) {
        VaultNetwork net = vault.network();
        Boolean open = net.publicNetworkAccessEnabled();
        Boolean allowAll = net.firewallAllowsAllNetworks();
        if (Boolean.FALSE.equals(open) || Boolean.FALSE.equals(allowAll)) {
            String what = Boolean.FALSE.equals(open) ? "public network access " + net.publicNetworkAccess()
                    : "a firewall that lets only selected networks in (defaultAction " + net.networkAcls().defaultAction() + ")";
            out.fail(c.id(), "Cluster " + c.name() + " reaches " + Links.vaultLabel(vault) + " over its public endpoint"
                            + " for KMS (keyVaultNetworkAccess " + c.kms().effectiveNetworkAccess() + "), but the vault has "
                            + what + ", which blocks the KMS plugin.",
                    publicFix(c, vault), evidence(net).map());
            return;
        }
        if (open == null || allowAll == null) {
            // API versions before publicNetworkAccess leave it out; only a stated Disabled or Deny blocks for certain
            out.unchecked(vault.id(), "the record of " + Links.vaultLabel(vault) + " does not state "
                    + (open == null ? "publicNetworkAccess" : "networkAcls.defaultAction") + ", so whether public KMS can"
                    + " reach it is not known; add the output of `az keyvault show --name " + Bash.q(vault.name()) + "`");
        }
    }

    /** KMS data encryption reaches the vault through the trusted-services bypass, or over an open public endpoint. */
    private static void checkTrusted(ManagedCluster c, KeyVault vault, Outcome out) {
        VaultNetwork net = vault.network();
        NetworkAcls acls = net.networkAcls();
        if (acls != null && acls.bypassesAzureServices()) {
            return;
        }
        Boolean open = net.publicNetworkAccessEnabled();
        Boolean allowAll = net.firewallAllowsAllNetworks();
        if (Boolean.TRUE.equals(open) && Boolean.TRUE.equals(allowAll)) {
            return;
        }
        if (Boolean.FALSE.equals(open) || Boolean.FALSE.equals(allowAll)) {
            out.fail(c.id(), "Cluster " + c.name() + " encrypts its secrets with key in " + Links.vaultLabel(vault)
                            + " (KMS data encryption), but the vault " + (Boolean.FALSE.equals(open)
                            ? "has public network access " + net.publicNetworkAccess() : "lets only selected networks in")
                            + " without letting trusted Azure services through (bypass " + (acls == null ? "none" : acls.bypass())
                            + "), so KMS cannot reach the key.",
                    trustedFix(vault), evidence(net).map());
            return;
        }
        out.unchecked(vault.id(), "the record of " + Links.vaultLabel(vault) + " does not state publicNetworkAccess,"
                + " so whether KMS can reach it is not known; add the output of `az keyvault show --name "
                + Bash.q(vault.name()) + "`");
    }

    private static Evidence evidence(VaultNetwork net) {
        NetworkAcls acls = net.networkAcls();
        return Evidence.of("publicNetworkAccess", net.publicNetworkAccess())
                .and("defaultAction", acls == null ? null : acls.defaultAction())
                .and("bypass", acls == null ? null : acls.bypass());
    }

    private static String statuses(VaultNetwork net) {
        return String.join(", ", net.privateEndpointConnections().stream()
                .map(p -> p.status() == null ? "of unknown status" : p.status()).toList());
    }

    static String privateFix(ManagedCluster c, KeyVault vault) {
        String vaultName = vault != null ? Bash.q(vault.name()) : "\"$VAULT\"";
        Script script = new Script("Give KMS its private path to the vault: AKS creates the private endpoint in the node"
                + " resource group when the cluster names the vault (the cluster needs API Server VNet Integration)");
        if (vault == null) {
            script.set("VAULT", "VAULT", "the vault that holds the KMS key");
        }
        script.cmd("VAULT_ID=$(az keyvault show -n " + vaultName + " --query id -o tsv)")
                .cmd("KEY_ID=$(az aks show -g " + Bash.q(c.resourceGroup()) + " -n " + Bash.q(c.name())
                        + " --query securityProfile.azureKeyVaultKms.keyId -o tsv)")
                .cmd("az aks update -g " + Bash.q(c.resourceGroup()) + " -n " + Bash.q(c.name())
                        + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id \"$KEY_ID\""
                        + " --azure-keyvault-kms-key-vault-network-access Private"
                        + " --azure-keyvault-kms-key-vault-resource-id \"$VAULT_ID\"")
                .cmd("az keyvault show -n " + vaultName + " --query properties.privateEndpointConnections -o table",
                        "a Pending connection carries nothing until it is approved");
        return script.terraform("key_management_service { key_vault_key_id = ..., key_vault_network_access = \"Private\" }"
                + " on azurerm_kubernetes_cluster." + NoByokRule.tfName(c.name()) + " (azurerm has no attribute for"
                + " keyVaultResourceId; set it with az aks update).");
    }

    static String publicFix(ManagedCluster c, KeyVault vault) {
        String name = Bash.q(vault.name());
        return new Script("Let the KMS plugin reach the vault: public KMS does not support a vault firewall; keep it"
                + " open, or move KMS to the private path")
                .cmd("az keyvault update -n " + name + " --public-network-access Enabled --default-action Allow")
                .say("Or keep the firewall and reach the vault privately instead:")
                .cmd("VAULT_ID=$(az keyvault show -n " + name + " --query id -o tsv)")
                .cmd("KEY_ID=$(az aks show -g " + Bash.q(c.resourceGroup()) + " -n " + Bash.q(c.name())
                        + " --query securityProfile.azureKeyVaultKms.keyId -o tsv)")
                .cmd("az aks update -g " + Bash.q(c.resourceGroup()) + " -n " + Bash.q(c.name())
                        + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id \"$KEY_ID\""
                        + " --azure-keyvault-kms-key-vault-network-access Private"
                        + " --azure-keyvault-kms-key-vault-resource-id \"$VAULT_ID\"")
                .terraform("public_network_access_enabled = true and network_acls { default_action = \"Allow\" } on"
                        + " azurerm_key_vault." + NoByokRule.tfName(vault.name()) + ".");
    }

    static String trustedFix(KeyVault vault) {
        return new Script("Let trusted Azure services (KMS data encryption) through the vault firewall")
                .cmd("az keyvault update -n " + Bash.q(vault.name()) + " --bypass AzureServices")
                .terraform("network_acls { bypass = \"AzureServices\" } on azurerm_key_vault."
                        + NoByokRule.tfName(vault.name()) + " (azurerm cannot express KMS data encryption itself).");
    }
}
