package io.byokwatch.access;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which keys wrap disk keys, which disk encryption set identities may use them and which clusters depend on them: what
 * lets a report say "this principal is not the disk encryption set". Keys are named as audit logs name them, vault name
 * (the host's first label) and key name, lower case. {@link #NONE} stands for "no inventory given": every detector then
 * judges callers by their own history only.
 */
public final class ByokEstate {
    public static final ByokEstate NONE = new ByokEstate(false);

    /** One disk key: the sets using it, their principals, the clusters behind them. */
    public static final class DiskKey {
        private final String vault;
        private final String key;
        private final Map<String, String> setByPrincipal = new LinkedHashMap<>();
        private final Set<String> sets = new TreeSet<>();
        private final Set<String> clusters = new TreeSet<>();
        private final List<String> unknownPrincipals = new ArrayList<>();
        private final Map<String, String> kmsClusterByPrincipal = new LinkedHashMap<>();
        private final Set<String> kmsClusters = new TreeSet<>();
        private boolean kms;

        private DiskKey(String vault, String key) {
            this.vault = vault;
            this.key = key;
        }

        public String vault() {
            return vault;
        }

        public String key() {
            return key;
        }

        /** Principal (object) ids of the sets' identities, lower case, each with its set's name. */
        public Map<String, String> setByPrincipal() {
            return Collections.unmodifiableMap(setByPrincipal);
        }

        public Set<String> sets() {
            return Collections.unmodifiableSet(sets);
        }

        public Set<String> clusters() {
            return Collections.unmodifiableSet(clusters);
        }

        /** Whether a cluster encrypts its Kubernetes secrets (etcd) with this key through KMS. */
        public boolean servesKms() {
            return kms;
        }

        /** The clusters whose KMS uses the key. */
        public Set<String> kmsClusters() {
            return Collections.unmodifiableSet(kmsClusters);
        }

        /** Principal ids of those clusters' identities (the KMS plugin calls the vault as them), each with its cluster. */
        public Map<String, String> kmsClusterByPrincipal() {
            return Collections.unmodifiableMap(kmsClusterByPrincipal);
        }

        /**
         * Whether this caller is expected to run this operation on the key: a set's identity for anything it does (wrap,
         * unwrap, get), a KMS cluster identity for encrypt, decrypt and get (the KMS plugin's envelope operations, and
         * reading the key to learn its version).
         */
        public boolean expects(String principalId, String operation) {
            if (principalId == null) {
                return false;
            }
            String p = principalId.toLowerCase(Locale.ROOT);
            return setByPrincipal.containsKey(p) || (kmsClusterByPrincipal.containsKey(p) && KMS_OPERATIONS.contains(operation));
        }

        /** False when the inventory cannot name every legitimate caller: an identity whose principal id it lacks. */
        public boolean callersKnown() {
            return unknownPrincipals.isEmpty();
        }

        /** Why {@link #callersKnown()} is false, for explanations. */
        public String whyCallersUnknown() {
            return String.join("; ", unknownPrincipals);
        }

        /** "disk key kv/k", "KMS key kv/k", "disk and KMS key kv/k". */
        public String describe() {
            String kind = sets.isEmpty() && kms ? "KMS key " : !sets.isEmpty() && kms ? "disk and KMS key " : "disk key ";
            return kind + vault + "/" + key;
        }
    }

    /** What a cluster's KMS plugin does with its key: envelope encryption of the data keys, and reading the key. */
    public static final Set<String> KMS_OPERATIONS = Set.of("KeyEncrypt", "KeyDecrypt", "KeyGet");

    /** A cluster whose KMS etcd encryption uses a key; the KMS plugin calls the vault as the cluster's identity. */
    public record KmsUse(KeyRef key, ManagedCluster cluster) {
    }

    private final boolean known;
    private record KeyName(String vault, String key) {
    }

    private final Map<KeyName, DiskKey> keys = new LinkedHashMap<>();
    private final Map<String, String> setByPrincipal = new LinkedHashMap<>();
    private final Set<String> vaults = new TreeSet<>();

    private ByokEstate(boolean known) {
        this.known = known;
    }

    /**
     * @param sets        disk encryption sets, each with the clusters whose disks it encrypts (may be empty)
     * @param kmsKeys     keys clusters use for KMS etcd encryption
     */
    public static ByokEstate of(Map<DiskEncryptionSet, ? extends Collection<ManagedCluster>> sets, Collection<KeyRef> kmsKeys) {
        ByokEstate estate = new ByokEstate(true);
        sets.forEach((set, clusters) -> {
            if (set.activeKey() == null) {
                return;
            }
            DiskKey k = estate.keys.computeIfAbsent(id(set.activeKey()), x -> new DiskKey(set.activeKey().vaultName()
                    .toLowerCase(Locale.ROOT), set.activeKey().name().toLowerCase(Locale.ROOT)));
            estate.vaults.add(k.vault);
            k.sets.add(set.name());
            clusters.forEach(c -> k.clusters.add(c.name()));
            for (String principal : set.identity().knownPrincipalIds()) {
                String p = principal.toLowerCase(Locale.ROOT);
                k.setByPrincipal.put(p, set.name());
                estate.setByPrincipal.put(p, set.name());
            }
            if (!set.identity().present()) {
                return; // a set without identity cannot call the vault at all, so it adds no caller to expect
            }
            set.identity().unknownPrincipals().forEach(u -> k.unknownPrincipals.add("the principal id of " + set.name()
                    + "'s " + u + " is not in the inventory"));
        });
        for (KeyRef ref : kmsKeys) {
            DiskKey k = estate.keys.get(id(ref));
            if (k != null) {
                k.kms = true;
                k.unknownPrincipals.add("the key also serves KMS etcd encryption, whose cluster identity the inventory"
                        + " does not name");
            }
        }
        return estate;
    }

    /**
     * @param sets disk encryption sets, each with the clusters whose disks it encrypts (may be empty)
     * @param kms  the clusters whose KMS etcd encryption uses a key, each with that key: their identities are expected
     *             callers of encrypt and decrypt on it, and a key only KMS uses is watched like a disk key
     */
    public static ByokEstate withKms(Map<DiskEncryptionSet, ? extends Collection<ManagedCluster>> sets, Collection<KmsUse> kms) {
        ByokEstate estate = of(sets, List.of());
        for (KmsUse use : kms) {
            KeyRef ref = use.key();
            DiskKey k = estate.keys.computeIfAbsent(id(ref), x -> new DiskKey(ref.vaultName().toLowerCase(Locale.ROOT),
                    ref.name().toLowerCase(Locale.ROOT)));
            estate.vaults.add(k.vault);
            k.kms = true;
            ManagedCluster c = use.cluster();
            k.kmsClusters.add(c.name());
            ManagedIdentity identity = c.identity();
            if (!identity.present()) {
                k.unknownPrincipals.add("the identity cluster " + c.name() + "'s KMS calls the vault as is not in the"
                        + " inventory (export the cluster with az aks show)");
                continue;
            }
            identity.knownPrincipalIds().forEach(p -> k.kmsClusterByPrincipal.put(p.toLowerCase(Locale.ROOT), c.name()));
            identity.unknownPrincipals().forEach(u -> k.unknownPrincipals.add("the principal id of cluster " + c.name()
                    + "'s " + u + " (its KMS identity) is not in the inventory"));
        }
        return estate;
    }

    /** False for {@link #NONE}. */
    public boolean known() {
        return known;
    }

    /** The disk key, or null when the key wraps no disk encryption set's keys (or there is no inventory). */
    public DiskKey diskKey(String vault, String key) {
        return key == null ? null : keys.get(new KeyName(vault, key));
    }

    public Collection<DiskKey> diskKeys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    /** True when the vault holds a disk key. */
    public boolean holdsDiskKey(String vault) {
        return vaults.contains(vault);
    }

    /** The disk encryption set this principal is the identity of, or null. */
    public String setOf(String principalId) {
        return principalId == null ? null : setByPrincipal.get(principalId.toLowerCase(Locale.ROOT));
    }

    private static KeyName id(KeyRef ref) {
        return new KeyName(ref.vaultName().toLowerCase(Locale.ROOT), ref.name().toLowerCase(Locale.ROOT));
    }

    /** For explanations: the sets using a key, or a phrase for none. */
    static String setsPhrase(DiskKey k) {
        return k.sets().isEmpty() ? "no disk encryption set" : Text.list(k.sets(), 6);
    }

    /** For explanations: who may call the key, "the identity of des-a" and/or "the KMS identity of cluster aks-x". */
    static String expectedCallersPhrase(DiskKey k) {
        List<String> parts = new ArrayList<>();
        if (!k.sets().isEmpty() || !k.servesKms()) {
            parts.add("the identity of " + callingSetsPhrase(k));
        }
        if (k.servesKms()) {
            parts.add("the KMS identity of " + (k.kmsClusters().isEmpty() ? "the cluster using it"
                    : "cluster" + (k.kmsClusters().size() == 1 ? " " : "s ") + Text.list(k.kmsClusters(), 6))
                    + " (encrypt and decrypt)");
        }
        return String.join(" and ", parts);
    }

    /** For explanations: the sets whose identities may call the key (a set without identity cannot). */
    static String callingSetsPhrase(DiskKey k) {
        Set<String> calling = new TreeSet<>(k.setByPrincipal().values());
        return calling.isEmpty() ? "no disk encryption set with an identity" : Text.list(calling, 6);
    }
}
