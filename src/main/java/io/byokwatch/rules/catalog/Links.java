package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Outcome;

/**
 * Reads one link of the chain for a rule. Found returns the value; unknown records why the rule could not run;
 * absent returns null silently, because an absent set or key is itself the finding of another rule.
 */
final class Links {
    private Links() {
    }

    static DiskEncryptionSet set(Chain chain, Outcome out) {
        return read(chain.set(), chain.cluster().diskEncryptionSetId(), out);
    }

    static KeyVault vault(Chain chain, Outcome out) {
        DiskEncryptionSet set = chain.foundSet();
        return set == null ? null : read(chain.vault(), vaultScope(set), out);
    }

    static VaultKey key(Chain chain, Outcome out) {
        DiskEncryptionSet set = chain.foundSet();
        return set == null ? null : read(chain.key(), set.id(), out);
    }

    /** The key version the set's key URL names: what its disks are wrapped with. */
    static VaultKey usedKey(Chain chain, Outcome out) {
        DiskEncryptionSet set = chain.foundSet();
        return set == null ? null : read(chain.usedKeyVersion(), set.id(), out);
    }

    /** True when the set names a version other than the key's current one (so attributes come from that version). */
    static boolean pinnedToOlderVersion(DiskEncryptionSet set, VaultKey key) {
        return set.activeKey() != null && set.activeKey().version() != null && key != null
                && key.currentVersion() != null && !set.activeKey().version().equalsIgnoreCase(key.currentVersion());
    }

    /** "key vault kv-x" or "Managed HSM hsm-x", as a sentence names it. */
    static String vaultLabel(KeyVault vault) {
        return (vault.managedHsm() ? "Managed HSM " : "key vault ") + vault.name();
    }

    /** The same from a key URL, when the vault record is not at hand. */
    static String vaultLabel(KeyRef ref) {
        return (ref.inManagedHsm() ? "Managed HSM " : "vault ") + ref.vaultName();
    }

    /** The vault's ARM id when the set names it; else the set itself, the resource the reason is about. */
    static ResourceId vaultScope(DiskEncryptionSet set) {
        return set.sourceVaultId() != null ? set.sourceVaultId() : set.id();
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
