package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.Outcome;

/**
 * Reads one link of a key use for a rule. Found returns the value; unknown records why the rule could not run;
 * absent returns null silently, because an absent set or key is itself the finding of another rule.
 */
final class Links {
    private Links() {
    }

    static DiskEncryptionSet set(KeyUse use, Outcome out) {
        return read(use.set(), use.setId(), out);
    }

    /** The vault, once the link before it (the set, when there is one) was found. */
    static KeyVault vault(KeyUse use, Outcome out) {
        return reached(use) ? read(use.vault(), vaultScope(use), out) : null;
    }

    static VaultKey key(KeyUse use, Outcome out) {
        return reached(use) ? read(use.key(), use.holderId(), out) : null;
    }

    /** The key version the use's key URL names: what its data is wrapped with. */
    static VaultKey usedKey(KeyUse use, Outcome out) {
        return reached(use) ? read(use.usedKeyVersion(), use.holderId(), out) : null;
    }

    /** Whether the use got as far as a key URL: its set was found (or it has none) and names one. */
    private static boolean reached(KeyUse use) {
        return (!use.throughSet() || use.foundSet() != null) && use.keyRef() != null;
    }

    /** True when the use names a version other than the key's current one (so attributes come from that version). */
    static boolean pinnedToOlderVersion(KeyUse use, VaultKey key) {
        KeyRef ref = use.keyRef();
        return ref != null && ref.version() != null && key != null && key.currentVersion() != null
                && !ref.version().equalsIgnoreCase(key.currentVersion());
    }

    /** "key vault kv-x" or "Managed HSM hsm-x", as a sentence names it. */
    static String vaultLabel(KeyVault vault) {
        return (vault.managedHsm() ? "Managed HSM " : "key vault ") + vault.name();
    }

    /** The same from a key URL, when the vault record is not at hand. */
    static String vaultLabel(KeyRef ref) {
        return (ref.inManagedHsm() ? "Managed HSM " : "vault ") + ref.vaultName();
    }

    /** The vault's ARM id when the set names it; else the holder of the key reference, the resource the reason is about. */
    static ResourceId vaultScope(KeyUse use) {
        DiskEncryptionSet set = use.foundSet();
        return set != null && set.sourceVaultId() != null ? set.sourceVaultId() : use.holderId();
    }

    /** "Disk encryption set des-x" or, for a key the cluster names itself, "Cluster aks-x". */
    static String holder(KeyUse use) {
        DiskEncryptionSet set = use.foundSet();
        return set != null ? "Disk encryption set " + set.name() : "Cluster " + use.cluster().name();
    }

    private static <T> T read(Lookup<T> link, ResourceId about, Outcome out) {
        if (link == null) {
            return null;
        }
        if (link instanceof Lookup.Unknown<T> u) {
            out.notEvaluated(about, u.reason());
            return null;
        }
        return link.orNull();
    }
}
