package io.byokwatch.port;

import io.byokwatch.domain.ResourceId;

import java.util.List;

/**
 * One resource in a plan or template, as byokwatch places it.
 *
 * @param address            the Terraform address ({@code module.aks.azurerm_kubernetes_cluster.this[0]}) or the
 *                           template resource (symbolic name, else {@code type/name})
 * @param type               the Terraform resource type or the ARM type
 * @param kind               what it is to the encryption chain
 * @param id                 the ARM id it has or will have (possibly with parts known only after apply)
 * @param action             what the plan does to it
 * @param forcedBy           for a replacement, the attributes that force it (empty when the plan does not say)
 * @param location           where it is declared, when known
 * @param losesHostEncryption a node pool (or the default pool of a cluster) that has encryption at host now and will
 *                           not after the change
 * @param vaultHost          for vaults, keys and access policies: the data-plane host of the vault concerned
 */
public record PlannedResource(String address, String type, Kind kind, ResourceId id, Action action,
                              List<String> forcedBy, SourceLocation location, boolean losesHostEncryption,
                              String vaultHost) {
    public PlannedResource {
        forcedBy = List.copyOf(forcedBy);
    }

    /** What a resource is to the chain a cluster's keys hang on. */
    public enum Kind {
        CLUSTER, NODE_POOL, DISK_ENCRYPTION_SET, KEY_VAULT, VAULT_KEY, ACCESS_POLICY, ROLE_ASSIGNMENT, IDENTITY,
        STORAGE_CLASS
    }

    /**
     * What the plan does; {@code READ} is a data source or an {@code existing} template resource, {@code DEPLOY} a
     * template resource (ARM creates or updates it, and the template does not say which).
     */
    public enum Action {
        CREATE("create"), UPDATE("update"), REPLACE("replace"), DEPLOY("deploy"), DELETE("delete"), NO_OP("no-op"),
        READ("read");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Create, update, replace or deploy: the resource will be as the plan says. */
        public boolean changes() {
            return this == CREATE || this == UPDATE || this == REPLACE || this == DEPLOY;
        }
    }

    /** A file (relative to the folder given by the user, with forward slashes) and a 1-based line. */
    public record SourceLocation(String file, int line) {
    }

    public PlannedResource withLocation(SourceLocation at) {
        return new PlannedResource(address, type, kind, id, action, forcedBy, at, losesHostEncryption, vaultHost);
    }
}
