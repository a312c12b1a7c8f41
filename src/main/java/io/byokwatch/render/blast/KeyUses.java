package io.byokwatch.render.blast;

import io.byokwatch.app.BlastRadius;

import java.util.List;
import java.util.Map;

/**
 * What stops, and when, for each way a cluster can depend on a key ({@link BlastRadius.Dependent#uses()}). A new key
 * use (persistent-volume disks through a storage class's set, say) is one more entry here; a use without an entry is
 * still listed, as stopping with the key, so the runbook never leaves a dependent out.
 */
final class KeyUses {
    /** @param verify checks per cluster, with {@code RG} and {@code NAME} standing for its resource group and name */
    record Use(String title, String shortLabel, List<String> stops, List<String> verify) {
    }

    static final Map<String, Use> KNOWN = Map.of(
            BlastRadius.DISK, new Use("Node disks (through the disk encryption set)", "node disks",
                    List.of("Within about an hour of the key being disabled, deleted or expiring, disk I/O on the nodes' OS"
                                    + " and data disks starts failing and Azure shuts down the node VMs (ultra disks keep"
                                    + " running until they are deallocated). Nodes go NotReady and their pods stop.",
                            "Until the key is back, nothing new can be built on these sets: scale-out, upgrades, node"
                                    + " image updates and new node pools fail."),
                    List.of("kubectl get nodes  # NotReady about an hour after disabling; Ready again after restoring")),
            BlastRadius.VOLUMES, new Use("Persistent-volume disks (through a storage class's disk encryption set)",
                    "persistent volumes",
                    List.of("Within about an hour of the key being disabled, deleted or expiring, I/O on these disks fails:"
                                    + " the pods using the volumes fail, and Azure shuts down the node VMs they are attached"
                                    + " to, even when those nodes' own disks use another key.",
                            "New volumes from the storage class fail to provision until the key is back; a volume cannot be"
                                    + " moved to another key without copying its data."),
                    List.of("kubectl get pv -o wide  # the volumes on these disks; their pods show in kubectl get pods -A")),
            BlastRadius.KMS, new Use("Kubernetes secrets (KMS etcd encryption)", "secrets (KMS)",
                    List.of("The API server can no longer decrypt the Secrets encrypted with the key: reading them fails,"
                                    + " pods that mount them cannot start, and the API server itself can stop working.",
                            "A key that is deleted and then purged takes those Secrets with it for good; the cluster may"
                                    + " have to be recreated.",
                            "Turning KMS off does not free the key: the API server still needs it to read what it wrote."),
                    List.of("kubectl get secrets --all-namespaces > /dev/null && echo secrets readable")));

    private KeyUses() {
    }

    static Use of(String label) {
        Use known = KNOWN.get(label);
        return known != null ? known : new Use("Through `" + label + "`", label,
                List.of("This version of the runbook does not describe this key use; treat it as stopping when the key does."),
                List.of());
    }

    static String describe(BlastRadius.Dependent d) {
        return String.join(" + ", d.uses().stream().map(u -> of(u).shortLabel()).toList());
    }
}
