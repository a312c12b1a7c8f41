package io.byokwatch.rules.catalog;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

import java.util.List;

/** Fails for each node pool without encryption at host (omitted counts as off): temp disks and caches escape the key. */
public final class NoHostEncryptionRule extends CatalogRule {
    public static final String ID = "aks-no-host-encryption";

    public NoHostEncryptionRule() {
        super(ID, Severity.LOW,
                "Node pool does not encrypt temp disks and caches at the host",
                "a node pool has no enableEncryptionAtHost, so temporary disks and OS/data disk caches are not"
                    + " encrypted end to end", List.of(Compliance.FEDRAMP_SC28, Compliance.PCI_AT_REST));
    }

    @Override
    public void check(Chain chain, Outcome out) {
        ManagedCluster c = chain.cluster();
        if (c.agentPools().isEmpty()) {
            out.notEvaluated(c.id(), "cluster " + c.name() + " lists no node pools; add agentPoolProfiles or az aks nodepool list output");
            return;
        }
        for (AgentPool pool : c.agentPools()) {
            if (Boolean.TRUE.equals(pool.encryptionAtHost())) {
                continue;
            }
            out.fail(pool.id(), "Node pool " + pool.name() + " of cluster " + c.name() + " does not use encryption at host,"
                            + " so its temporary disks and disk caches are not encrypted with the cluster's keys.",
                    "Encryption at host is set when a pool is created; add a replacement pool and drain the old one:\n"
                            + "  az feature register --namespace Microsoft.Compute --name EncryptionAtHost   # once per subscription\n"
                            + "  az aks nodepool add -g " + c.resourceGroup() + " --cluster-name " + c.name() + " -n "
                            + replacementName(pool.name()) + " --enable-encryption-at-host"
                            + (pool.vmSize() == null ? "" : " --node-vm-size " + pool.vmSize())
                            + (pool.mode() == null ? "" : " --mode " + pool.mode()) + "\n"
                            + "  kubectl drain -l agentpool=" + pool.name() + " --ignore-daemonsets --delete-emptydir-data\n"
                            + "  az aks nodepool delete -g " + c.resourceGroup() + " --cluster-name " + c.name() + " -n " + pool.name() + "\n"
                            + "Terraform: host_encryption_enabled = true on the node pool (forces a new pool).",
                    Evidence.of("pool", pool.name()).and("enableEncryptionAtHost", pool.encryptionAtHost() == null ? "absent" : false)
                            .and("osDiskType", pool.osDiskType()).map());
        }
    }

    /** Pool names are at most 12 lower-case alphanumerics (Linux). */
    static String replacementName(String name) {
        String base = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return (base.length() > 10 ? base.substring(0, 10) : base) + "eh";
    }
}
