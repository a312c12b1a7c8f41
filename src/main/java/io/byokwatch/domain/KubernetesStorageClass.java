package io.byokwatch.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Kubernetes StorageClass as declared before it is applied. Persistent-volume disks get their customer key only
 * from the class's {@code diskEncryptionSetID} parameter, so the class decides. {@code id} names the class under its
 * cluster ({@code <cluster id>/storageClasses/<name>}) or, when the cluster is not known, under
 * {@code /storageClasses/<name>}; {@code clusterId} is null then. Parameter names compare case-insensitively, as the
 * Azure Disk CSI driver reads them.
 */
public record KubernetesStorageClass(ResourceId id, String name, String provisioner, Map<String, String> parameters,
                                     ResourceId clusterId) {
    public KubernetesStorageClass {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The value of the parameter, matching its name case-insensitively, or null. */
    public String parameter(String name) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The class provisions Azure managed disks: the CSI driver, or the in-tree name it replaced. */
    public boolean provisionsAzureDisks() {
        String p = provisioner == null ? "" : provisioner.trim().toLowerCase(Locale.ROOT);
        return p.equals("disk.csi.azure.com") || p.equals("kubernetes.io/azure-disk");
    }

    /** The id of the class under a cluster, or under {@code /storageClasses} when the cluster is not known. */
    public static ResourceId idFor(ResourceId clusterId, String name) {
        return clusterId != null ? clusterId.child("storageClasses", name) : ResourceId.parse("/storageClasses/" + name);
    }
}
