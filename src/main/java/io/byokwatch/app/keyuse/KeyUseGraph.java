package io.byokwatch.app.keyuse;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.KeyUse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every key a cluster's data depends on: runs each {@link KeyUseBuilder} over one {@link ClusterScope} and hands the
 * rules the cluster with its key uses, in purpose order, and its persistent volumes.
 */
public final class KeyUseGraph {
    private final List<KeyUseBuilder> builders;

    public KeyUseGraph(List<KeyUseBuilder> builders) {
        List<KeyUseBuilder> sorted = new ArrayList<>(builders);
        sorted.sort(Comparator.comparing(KeyUseBuilder::purpose));
        this.builders = List.copyOf(sorted);
    }

    /** The built-in purposes. */
    public static KeyUseGraph standard() {
        return new KeyUseGraph(List.of(new OsDiskKeyUses(), new DataDiskKeyUses(), new KmsKeyUses()));
    }

    public ClusterFacts build(ManagedCluster cluster, Inventory inventory, Policy policy) {
        ClusterScope scope = new ClusterScope(cluster, inventory, policy);
        List<KeyUse> uses = new ArrayList<>();
        for (KeyUseBuilder b : builders) {
            uses.addAll(b.build(scope));
        }
        return new ClusterFacts(cluster, uses, scope::dataDisks, scope::dataDiskSnapshots);
    }
}
