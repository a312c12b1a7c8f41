package io.byokwatch.rules.plan;

import io.byokwatch.domain.KubernetesStorageClass;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleMeta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fails when a storage class provisions Azure managed disks (the Disk CSI driver, or the in-tree name it replaced)
 * without a {@code diskEncryptionSetID} parameter: the driver then sends no encryption settings and Azure encrypts
 * each persistent volume with a platform-managed key. Passes for other provisioners and for classes naming a set.
 */
public final class StorageClassWithoutSetRule implements PlanRule {
    public static final String ID = "aks-storageclass-no-des";
    private static final Pattern SHELL_PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    private final RuleMeta meta = new RuleMeta(ID, Severity.HIGH,
            "Storage class puts persistent volumes on platform-managed keys",
            "a StorageClass with provisioner disk.csi.azure.com (or kubernetes.io/azure-disk) has no diskEncryptionSetID"
                + " parameter, so every persistent volume it provisions is encrypted with a platform-managed key",
            Compliance.AT_REST);

    @Override
    public RuleMeta meta() {
        return meta;
    }

    @Override
    public void check(KubernetesStorageClass sc, ResourceId clusterSet, Outcome out) {
        if (!sc.provisionsAzureDisks()) {
            return;
        }
        String set = sc.parameter("diskEncryptionSetID");
        if (set != null && !set.isBlank()) {
            return;
        }
        String type = sc.parameter("diskEncryptionType");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("provisioner", sc.provisioner());
        evidence.put("diskEncryptionSetID", "absent");
        if (type != null) {
            evidence.put("diskEncryptionType", type);
        }
        if (sc.clusterId() != null) {
            evidence.put("cluster", sc.clusterId().toString());
        }
        String target = clusterSet != null ? clusterSet.toString() : "<disk-encryption-set-id>";
        out.fail(sc.id(), "Storage class " + sc.name() + " provisions Azure disks without a diskEncryptionSetID"
                        + (type != null ? " (its diskEncryptionType alone makes the Disk CSI driver refuse to provision)" : "")
                        + ", so its persistent volumes are encrypted with platform-managed keys.",
                "Name a disk encryption set in the class; parameters cannot change on an existing class, so replace it"
                        + " (volumes already provisioned keep their key until they are moved to a new claim):\n"
                        + "  kubectl get storageclass " + quote(sc.name()) + " -o yaml > storageclass.yaml\n"
                        + "  # add under parameters:  diskEncryptionSetID: " + target + "\n"
                        + "  kubectl replace --force -f storageclass.yaml\n"
                        + "Terraform: parameters = { diskEncryptionSetID = "
                        + (clusterSet != null ? "\"" + clusterSet + "\"" : "azurerm_disk_encryption_set.<set>.id")
                        + " } on the kubernetes_storage_class_v1 resource for " + sc.name() + ".",
                evidence);
    }

    private static String quote(String word) {
        return SHELL_PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
