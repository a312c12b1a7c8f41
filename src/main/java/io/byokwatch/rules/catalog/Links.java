package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
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
