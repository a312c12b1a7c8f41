package io.byokwatch.render;

import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small estate in every state the renderers must handle: three noncompliant clusters sharing one vault finding, a
 * critical finding with list evidence, an expired and an active exemption (its reason holds a pipe), rules not
 * evaluated, a cluster out of policy scope, one unknown and one compliant. Built through {@link Scan#report} so that
 * the deduplication and counts are the real ones.
 */
public final class SampleEstate {
    public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    public static final String PAY = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
    public static final String SANDBOX = "0b9d3e55-7c21-4f0a-8e6b-93a1d4c7e202";
    static final List<String> PCI = List.of("PCI DSS v4.0 3.6-3.7: protect and manage cryptographic keys for stored account data");

    public static final ResourceId VAULT = id(PAY, "rg-keys-legacy", "Microsoft.KeyVault/vaults/kv-shared-legacy");
    static final ResourceId KEY = id(PAY, "rg-keys", "Microsoft.KeyVault/vaults/kv-pay-prod/keys/aks-disk");
    static final ResourceId DES_PAY_3 = id(PAY, "rg-pay", "Microsoft.Compute/diskEncryptionSets/des-pay-3");
    static final ResourceId DES_EHR = id(PAY, "rg-health", "Microsoft.Compute/diskEncryptionSets/des-ehr");

    public static final ResourceId AKS_PAY_1 = cluster(PAY, "rg-pay", "aks-pay-1");
    public static final ResourceId AKS_PAY_2 = cluster(PAY, "rg-pay", "aks-pay-2");
    public static final ResourceId AKS_PAY_3 = cluster(PAY, "rg-pay", "aks-pay-3");
    static final ResourceId AKS_LEGACY = cluster(PAY, "rg-legacy", "aks-legacy");
    public static final ResourceId AKS_WEB = cluster(PAY, "rg-web", "aks-web");
    public static final ResourceId AKS_SANDBOX = cluster(SANDBOX, "rg-sandbox", "aks-sandbox");
    static final ResourceId AKS_EHR = cluster(PAY, "rg-health", "aks-ehr");

    public static final Finding VAULT_PURGE = new Finding("vault-no-purge-protection", Severity.HIGH, VAULT,
            "Key vault holding a disk key can lose it for good",
            "Key vault kv-shared-legacy has no purge protection, so a deleted or purged key would make the disks that"
                    + " depend on it permanently unreadable.",
            "Turn both on (purge protection cannot be turned off again, which is the point):\n"
                    + "  az keyvault update -g rg-keys-legacy -n kv-shared-legacy --enable-soft-delete true"
                    + " --enable-purge-protection true\n"
                    + "Terraform: purge_protection_enabled = true and soft_delete_retention_days = 90 on"
                    + " azurerm_key_vault.kv_shared_legacy.",
            evidence("enableSoftDelete", true, "enablePurgeProtection", "absent", "softDeleteRetentionInDays", 90),
            List.of(PCI.get(0), "FedRAMP (NIST SP 800-53 Rev. 5) CP-9: backup and recoverability"));

    static final Finding KEY_ACCESS = new Finding("des-no-key-access", Severity.CRITICAL, DES_PAY_3,
            "Disk encryption set cannot reach its key",
            "Disk encryption set des-pay-3 cannot use key aks-disk-3 in vault kv-pay-rotation because its identity lacks"
                    + " a role granting get, wrapKey and unwrapKey.",
            "Give the set an identity and let it use the key:\n"
                    + "  az disk-encryption-set identity assign -g rg-pay -n des-pay-3 --system-assigned\n"
                    + "  PRINCIPAL=$(az disk-encryption-set show -g rg-pay -n des-pay-3 --query identity.principalId -o tsv)\n"
                    + "  az role assignment create --role \"Key Vault Crypto Service Encryption User\" --assignee-object-id"
                    + " $PRINCIPAL --assignee-principal-type ServicePrincipal --scope /subscriptions/" + PAY
                    + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-pay-rotation\n"
                    + "Terraform: identity { type = \"SystemAssigned\" } on azurerm_disk_encryption_set.des_pay_3, plus an"
                    + " azurerm_role_assignment (Key Vault Crypto Service Encryption User) for its principal_id.",
            evidence("vault", "/subscriptions/" + PAY + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-pay-rotation",
                    "authorization", "rbac",
                    "principalIds", List.of("3f2b8c1d-9e4a-4b7c-8d6e-1a2b3c4d5e6f"),
                    "gaps", List.of("principal 3f2b8c1d-9e4a-4b7c-8d6e-1a2b3c4d5e6f has no Key Vault crypto role at the key,"
                            + " vault or an enclosing scope")),
            PCI);

    static final Finding KEY_EXPIRING = new Finding("key-expiring", Severity.MEDIUM, KEY,
            "Disk key expires soon",
            "Key aks-disk in vault kv-pay-prod expires on 2026-12-13, in 12 days.",
            "Rotate before expiry, and let a rotation policy do it next time:\n"
                    + "  az keyvault key rotate --vault-name kv-pay-prod -n aks-disk\n"
                    + "Terraform: rotation_policy { automatic { time_before_expiry = \"P30D\" } } on azurerm_key_vault_key.aks_disk.",
            evidence("expires", "2026-12-13T00:00:00Z", "daysLeft", 12, "warningDays", 30),
            PCI);

    static final Finding HOST_ENCRYPTION = new Finding("aks-no-host-encryption", Severity.LOW,
            AKS_PAY_1.child("agentPools", "npspot"),
            "Node pool does not encrypt temp disks and caches at the host",
            "Node pool npspot of cluster aks-pay-1 does not encrypt at host, so its temporary disks and disk caches are"
                    + " not encrypted end to end.",
            "Encryption at host is set when a pool is created; add a replacement pool and drain the old one:\n"
                    + "  az aks nodepool add -g rg-pay --cluster-name aks-pay-1 -n npspot2 --enable-encryption-at-host\n"
                    + "  kubectl drain -l agentpool=npspot --ignore-daemonsets --delete-emptydir-data\n"
                    + "Terraform: host_encryption_enabled = true on the azurerm_kubernetes_cluster_node_pool.",
            evidence("pool", "npspot", "enableEncryptionAtHost", "absent"),
            List.of("FedRAMP (NIST SP 800-53 Rev. 5) SC-28: protection of information at rest"));

    static final Finding NO_BYOK_LEGACY = new Finding("aks-no-byok", Severity.HIGH, AKS_LEGACY,
            "AKS cluster disks are not encrypted with a customer-managed key",
            "Cluster aks-legacy has no disk encryption set, so its node disks use platform-managed keys.",
            "An existing cluster cannot be switched. Build a replacement cluster on a customer-managed key and move workloads:\n"
                    + "  az aks create -g rg-legacy -n aks-legacy-byok --node-osdisk-diskencryptionset-id <des-id>\n"
                    + "Terraform: disk_encryption_set_id on azurerm_kubernetes_cluster.aks_legacy_byok.",
            evidence("diskEncryptionSetId", "absent", "resourceGroup", "rg-legacy"),
            PCI);

    public static final String LEGACY_REASON = "Replacement cluster aks-legacy-byok goes live in Q1 | CAB-2291 approved";

    private SampleEstate() {
    }

    public static ScanReport report() {
        ClusterVerdict pay1 = verdict(AKS_PAY_1, "aks-pay-1", ClusterStatus.NONCOMPLIANT,
                List.of(VAULT_PURGE, KEY_EXPIRING, HOST_ENCRYPTION), List.of(), List.of());
        ClusterVerdict pay2 = verdict(AKS_PAY_2, "aks-pay-2", ClusterStatus.NONCOMPLIANT,
                List.of(VAULT_PURGE, KEY_EXPIRING),
                List.of(new Exempted(KEY_EXPIRING, id(PAY, "rg-keys", "Microsoft.KeyVault/vaults/kv-pay-prod"),
                        "Key rotation moved to the Q4 change window", null, LocalDate.parse("2026-10-31"), true)),
                List.of());
        ClusterVerdict pay3 = verdict(AKS_PAY_3, "aks-pay-3", ClusterStatus.NONCOMPLIANT,
                List.of(KEY_ACCESS, VAULT_PURGE), List.of(),
                List.of(new NotEvaluated("key-no-rotation", DES_PAY_3, "the rotation policy of key aks-disk-3 in vault"
                        + " kv-pay-rotation is not in the inventory; add az keyvault key rotation-policy show output")));
        ClusterVerdict legacy = verdict(AKS_LEGACY, "aks-legacy", ClusterStatus.EXEMPT, List.of(),
                List.of(new Exempted(NO_BYOK_LEGACY, ResourceId.parse("/subscriptions/" + PAY + "/resourceGroups/rg-legacy"),
                        LEGACY_REASON, "secops@contoso.example", LocalDate.parse("2027-03-31"), false)),
                List.of());
        ClusterVerdict web = verdict(AKS_WEB, "aks-web", ClusterStatus.COMPLIANT, List.of(), List.of(), List.of());
        ClusterVerdict sandbox = verdict(AKS_SANDBOX, "aks-sandbox", ClusterStatus.NOT_REQUIRED, List.of(), List.of(),
                List.of(new NotEvaluated("*", AKS_SANDBOX, "tag data-classification=public does not require BYOK")));
        ClusterVerdict ehr = verdict(AKS_EHR, "aks-ehr", ClusterStatus.UNKNOWN, List.of(), List.of(),
                List.of(new NotEvaluated("des-key-unavailable", DES_EHR, "disk encryption set des-ehr is not in the"
                                + " inventory; add az disk-encryption-set show output for it"),
                        new NotEvaluated("des-no-key-access", DES_EHR, "disk encryption set des-ehr is not in the"
                                + " inventory; add az disk-encryption-set show output for it")));
        // inventory order, deliberately not the order the readable outputs sort into
        return Scan.report(NOW, List.of(web, pay2, sandbox, pay1, legacy, ehr, pay3),
                List.of("skipped 4 resources of other types (Microsoft.Network/virtualNetworks: 3,"
                        + " Microsoft.Storage/storageAccounts: 1)"));
    }

    public static ScanReport empty() {
        return Scan.report(NOW, List.of(), List.of());
    }

    public static ClusterVerdict verdict(ResourceId id, String name, ClusterStatus status, List<Finding> findings,
                                  List<Exempted> exempted, List<NotEvaluated> notEvaluated) {
        return new ClusterVerdict(id, name, id.subscriptionId(), status, findings, exempted, notEvaluated);
    }

    public static ResourceId cluster(String subscription, String rg, String name) {
        return id(subscription, rg, "Microsoft.ContainerService/managedClusters/" + name);
    }

    public static ResourceId id(String subscription, String rg, String providerPath) {
        return ResourceId.parse("/subscriptions/" + subscription + "/resourceGroups/" + rg + "/providers/" + providerPath);
    }

    static Map<String, Object> evidence(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
