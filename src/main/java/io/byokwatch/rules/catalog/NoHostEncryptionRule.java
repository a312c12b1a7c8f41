package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/** Fails for each node pool without encryption at host (omitted counts as off): temp disks and caches escape the key. */
public final class NoHostEncryptionRule extends CatalogRule implements ClusterRule {
    public static final String ID = "aks-no-host-encryption";

    public NoHostEncryptionRule() {
        super(ID, Severity.LOW,
                "Node pool does not encrypt temp disks and caches at the host",
                "a node pool has no enableEncryptionAtHost, so temporary disks and OS/data disk caches are not"
                    + " encrypted end to end", List.of(Compliance.FEDRAMP_SC28, Compliance.PCI_AT_REST));
    }

    @Override
    public void check(ClusterFacts facts, RuleContext context, Outcome out) {
        ManagedCluster c = facts.cluster();
        if (c.agentPools().isEmpty()) {
            out.notEvaluated(c.id(), "cluster " + c.name() + " lists no node pools; add the cluster's agentPoolProfiles (`az aks show -g "
                    + Bash.q(c.resourceGroup()) + " -n " + Bash.q(c.name()) + "`) or `az aks nodepool list -g " + Bash.q(c.resourceGroup()) + " --cluster-name "
                    + Bash.q(c.name()) + "`");
            return;
        }
        for (AgentPool pool : c.agentPools()) {
            if (Boolean.TRUE.equals(pool.encryptionAtHost())) {
                continue;
            }
            out.fail(pool.id(), "Node pool " + pool.name() + " of cluster " + c.name() + " does not use encryption at host,"
                            + " so its temporary disks and disk caches are not encrypted with the cluster's keys.",
                    fix(c, pool),
                    Evidence.of("pool", pool.name()).and("enableEncryptionAtHost", pool.encryptionAtHost() == null ? "absent" : false)
                            .and("osDiskType", pool.osDiskType()).map());
        }
    }

    static String fix(ManagedCluster c, AgentPool pool) {
        String rg = Bash.q(c.resourceGroup());
        String cluster = Bash.q(c.name());
        return new Script("Encryption at host is set when a pool is created; add a replacement pool and drain the old one")
                .cmd("az feature register --namespace Microsoft.Compute --name EncryptionAtHost", "once per subscription")
                .cmd("az aks nodepool add -g " + rg + " --cluster-name " + cluster + " -n "
                        + Bash.q(replacementName(pool.name(), pool.windows())) + " --enable-encryption-at-host"
                        + (pool.windows() ? " --os-type Windows" : "")
                        + (pool.vmSize() == null ? "" : " --node-vm-size " + Bash.q(pool.vmSize()))
                        + (pool.mode() == null ? "" : " --mode " + Bash.q(pool.mode())))
                .cmd("kubectl drain -l " + Bash.q("agentpool=" + pool.name()) + " --ignore-daemonsets --delete-emptydir-data")
                .cmd("az aks nodepool delete -g " + rg + " --cluster-name " + cluster + " -n " + Bash.q(pool.name()))
                .terraform("host_encryption_enabled = true on the node pool (forces a new pool).");
    }

    /**
     * A new pool's name: lower-case letters and digits, starting with a letter, at most 12 characters for Linux pools
     * and 6 for Windows pools (AKS limits).
     */
    static String replacementName(String name, boolean windows) {
        String base = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "").replaceAll("^[^a-z]+", "");
        if (base.isEmpty()) {
            base = windows ? "win" : "pool";
        }
        int room = (windows ? 6 : 12) - 2;
        return (base.length() > room ? base.substring(0, room) : base) + "eh";
    }

    static String replacementName(String name) {
        return replacementName(name, false);
    }
}
