package io.byokwatch.app.keyuse;

import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.rules.KeyUse;

import java.util.List;

/**
 * Builds the key uses of one {@link KeyPurpose} for a cluster, from what {@link ClusterScope} reads through the
 * inventory. A builder decides only which consumers reach which key and who must use it; the scope resolves the rest
 * of each chain (set, vault, key, version, grants), and every rule in the catalog then judges each key use.
 */
public interface KeyUseBuilder {
    KeyPurpose purpose();

    /** The key uses of this purpose; empty when the cluster has none (no set, no volumes on a customer key). */
    List<KeyUse> build(ClusterScope scope);
}
