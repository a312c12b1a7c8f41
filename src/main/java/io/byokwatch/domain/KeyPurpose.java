package io.byokwatch.domain;

import java.util.Locale;

/**
 * Why a cluster depends on a key: one purpose per way its data reaches a customer-managed key. Each finding names the
 * purposes it is about ({@link Finding#keyUse()}), by {@link #id()}, in this order.
 */
public enum KeyPurpose {
    /** The node OS disks (and the disks of a pool's VMs), through the cluster's disk encryption set. */
    OS_DISK("os-disk", "node OS disks", "disks"),
    /** The persistent-volume disks (and VolumeSnapshot snapshots) the Azure Disk CSI driver made, each through its own set. */
    DATA_DISK("data-disk", "persistent-volume disks", "disks"),
    /** Kubernetes secrets in etcd, through the KMS key. */
    KMS_ETCD("kms-etcd", "Kubernetes secrets (KMS etcd encryption)", "secrets");

    private final String id;
    private final String label;
    private final String protects;

    KeyPurpose(String id, String label, String protects) {
        this.id = id;
        this.label = label;
        this.protects = protects;
    }

    /** The stable id in JSON: {@code os-disk}, {@code data-disk}, {@code kms-etcd}. */
    public String id() {
        return id;
    }

    /** What a person calls it: "node OS disks". */
    public String label() {
        return label;
    }

    /** The plural noun for what the key protects, as a sentence ends ("so the disks it protects..."). */
    public String protects() {
        return protects;
    }

    /** The purpose with this id, or null for an id this version does not know (a newer writer's). */
    public static KeyPurpose byId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (KeyPurpose p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        return null;
    }

    /** Order for merging lists of ids: known purposes in declaration order, unknown ids after them. */
    public static int rank(String id) {
        KeyPurpose p = byId(id);
        return p == null ? values().length : p.ordinal();
    }
}
