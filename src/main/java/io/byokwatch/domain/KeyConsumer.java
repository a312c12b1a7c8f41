package io.byokwatch.domain;

/**
 * A resource whose data a key protects: the cluster itself (its node OS disks, its secrets), a persistent-volume disk
 * or a VolumeSnapshot snapshot. Disks and snapshots carry the Kubernetes names their CSI tags give (any may be null),
 * because the people who fix a finding think in namespace/PVC.
 */
public record KeyConsumer(ResourceId id, Kind kind, String name, PersistentVolumeClaimRef claim,
                          VolumeSnapshotRef volumeSnapshot) {

    public enum Kind {
        CLUSTER("cluster"), DISK("disk"), SNAPSHOT("snapshot");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String label) {
            for (Kind k : values()) {
                if (k.label.equalsIgnoreCase(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("consumer kind '" + label + "' is not cluster, disk or snapshot");
        }
    }

    public static KeyConsumer of(ManagedCluster cluster) {
        return new KeyConsumer(cluster.id(), Kind.CLUSTER, cluster.name(), null, null);
    }

    public static KeyConsumer of(ManagedDisk disk) {
        return new KeyConsumer(disk.id(), Kind.DISK, disk.name(), disk.claim(), null);
    }

    public static KeyConsumer of(DiskSnapshot snapshot) {
        return new KeyConsumer(snapshot.id(), Kind.SNAPSHOT, snapshot.name(), null, snapshot.volumeSnapshot());
    }

    /** A disk or snapshot, as opposed to the cluster. */
    public boolean volume() {
        return kind != Kind.CLUSTER;
    }

    /**
     * What people call it: {@code ehr/data-ehr-postgres-0} for a disk whose tags name its claim,
     * {@code VolumeSnapshot ehr/nightly} for a snapshot, else its Azure name.
     */
    public String shortName() {
        if (kind == Kind.DISK && claim != null && claim.pvcName() != null) {
            return claim.namespace() == null ? claim.pvcName() : claim.namespace() + "/" + claim.pvcName();
        }
        if (kind == Kind.SNAPSHOT && volumeSnapshot != null && volumeSnapshot.name() != null) {
            return "VolumeSnapshot " + volumeSnapshot.describe();
        }
        return name;
    }

    /** {@code disk pvc-1f2e (payments/data-db-0)}, {@code snapshot s1 (VolumeSnapshot payments/nightly)}, {@code cluster aks-x}. */
    public String describe() {
        return switch (kind) {
            case CLUSTER -> "cluster " + name;
            case DISK -> {
                if (claim == null) {
                    yield "disk " + name;
                }
                PersistentVolumeClaimRef shown = name.equalsIgnoreCase(claim.pvName())
                        ? new PersistentVolumeClaimRef(null, claim.pvcName(), claim.namespace()) : claim;
                String text = shown.describe();
                yield "disk " + name + (text.isEmpty() ? "" : " (" + text + ")");
            }
            case SNAPSHOT -> "snapshot " + name + (volumeSnapshot == null ? "" : " (VolumeSnapshot " + volumeSnapshot.describe() + ")");
        };
    }
}
