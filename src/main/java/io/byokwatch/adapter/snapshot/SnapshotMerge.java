package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Combines records that describe the same resource, because exports overlap: {@code az aks list} and
 * {@code az aks show}, {@code key list} and {@code key show}, ARM keys and data-plane keys. Never by file name
 * alone: a record with more facts is not replaced by one with fewer (summaries never become records at all, and key
 * records are merged field by field, because list outputs leave out the key type and the rotation policy). When two
 * full records disagree, the one that says it changed later wins ({@code systemData.lastModifiedAt},
 * {@code attributes.updated}); when neither says, the later file does, and either way a note says so.
 */
final class SnapshotMerge {
    private final Snapshot snapshot;
    private final List<String> notes = new ArrayList<>();

    SnapshotMerge(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** What merging had to decide, one sentence each. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** One record per id, the newest of differing copies, with a note when copies differed. */
    <T> Map<ResourceId, T> byId(List<T> records, Function<T, ResourceId> id, String what) {
        Map<ResourceId, List<T>> groups = new LinkedHashMap<>();
        records.forEach(r -> groups.computeIfAbsent(id.apply(r), k -> new ArrayList<>()).add(r));
        Map<ResourceId, T> chosen = new LinkedHashMap<>();
        groups.forEach((rid, copies) -> chosen.put(rid, newest(copies, what + " " + rid.name())));
        return chosen;
    }

    /** One record per cluster id, with separately read pools replacing inline ones by name. */
    Map<ResourceId, ManagedCluster> clusters() {
        Map<ResourceId, Map<String, AgentPool>> separatePools = new LinkedHashMap<>();
        for (AgentPool pool : byId(snapshot.agentPools(), AgentPool::id, "node pool").values()) {
            separatePools.computeIfAbsent(pool.id().topLevel(), k -> new LinkedHashMap<>()).put(lower(pool.name()), pool);
        }
        Map<ResourceId, ManagedCluster> clusters = byId(snapshot.clusters(), ManagedCluster::id, "AKS cluster");
        clusters.replaceAll((id, cluster) -> {
            Map<String, AgentPool> separate = separatePools.get(id);
            if (separate == null) {
                return cluster;
            }
            Map<String, AgentPool> pools = new LinkedHashMap<>();
            cluster.agentPools().forEach(p -> pools.put(lower(p.name()), p));
            pools.putAll(separate); // a point read of the pool is newer than the cluster's inline copy
            return cluster.withAgentPools(new ArrayList<>(pools.values()));
        });
        return clusters;
    }

    /** One record per assignment id: {@code az role assignment list} at several scopes repeats inherited ones. */
    List<RoleAssignment> roleAssignments() {
        Map<String, List<RoleAssignment>> byId = new LinkedHashMap<>();
        snapshot.roleAssignments().forEach(a -> byId.computeIfAbsent(lower(a.id()), k -> new ArrayList<>()).add(a));
        List<RoleAssignment> out = new ArrayList<>();
        byId.forEach((id, copies) -> out.add(newest(copies, "role assignment " + id)));
        return out;
    }

    /**
     * One record per key (host + name), describing the key as its current version does. Field by field, newer records
     * first: the current version, attributes and type come from the records about that version (or about the key's
     * current version without naming it, as list items do); the rotation policy from a record that knows it (an ARM
     * GET, or a separately exported policy); a deletion from any record that shows one, since missing a deletion is
     * the dangerous mistake. An ARM id missing everywhere is taken from the vault serving the key's host.
     */
    Map<String, VaultKey> keys(Map<String, KeyVault> vaultsByHost) {
        Map<String, List<VaultKey>> groups = new LinkedHashMap<>();
        snapshot.keys().forEach(k -> groups.computeIfAbsent(k.ref().keyId(), x -> new ArrayList<>()).add(k));
        Map<String, RotationPolicy> policies = new LinkedHashMap<>();
        Map<String, RotationPolicy> policiesByName = new LinkedHashMap<>();
        snapshot.rotationPolicies().forEach((ref, policy) -> {
            if (ref.vaultHost().contains(".")) {
                policies.put(ref.keyId(), policy);
            } else {
                policiesByName.put(ref.vaultHost() + "/" + lower(ref.name()), policy);
            }
        });
        Map<String, VaultKey> keys = new LinkedHashMap<>();
        groups.forEach((keyId, copies) -> {
            VaultKey merged = mergeKey(copies);
            if (!merged.rotationPolicyKnown()) {
                RotationPolicy policy = policies.containsKey(keyId) ? policies.get(keyId)
                        : policiesByName.get(merged.ref().vaultName() + "/" + lower(merged.name()));
                if (policy != null) {
                    merged = with(merged, merged.id(), policy, true);
                }
            }
            KeyVault vault = vaultsByHost.get(merged.ref().vaultHost());
            if (merged.id() == null && vault != null) {
                merged = with(merged, vault.id().child("keys", merged.name()), merged.rotationPolicy(),
                        merged.rotationPolicyKnown());
            }
            keys.put(keyId, merged);
        });
        return keys;
    }

    /**
     * Records of single versions, by key id and lower-cased version: from version exports, and from every key record
     * that names the version its attributes describe (a show, an ARM GET). Copies of one version merge field by field.
     */
    Map<String, Map<String, VaultKey>> keyVersions() {
        Map<String, Map<String, List<VaultKey>>> groups = new LinkedHashMap<>();
        List<VaultKey> all = new ArrayList<>(snapshot.keyVersions());
        snapshot.keys().stream().filter(k -> k.currentVersion() != null && k.deletedOn() == null).forEach(all::add);
        for (VaultKey v : all) {
            groups.computeIfAbsent(v.ref().keyId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(lower(v.currentVersion()), k -> new ArrayList<>()).add(v);
        }
        Map<String, Map<String, VaultKey>> versions = new LinkedHashMap<>();
        groups.forEach((keyId, byVersion) -> {
            Map<String, VaultKey> merged = new LinkedHashMap<>();
            byVersion.forEach((version, copies) -> merged.put(version, mergeAttributes(sortOldestFirst(copies),
                    "version " + version + " of key " + copies.get(0).ref().vaultName() + "/" + copies.get(0).name())));
            versions.put(keyId, merged);
        });
        return versions;
    }

    /**
     * One record per disk id. A record that knows the disk's encryption beats a stub that does not (a generic
     * {@code az resource list} next to {@code az disk list}); otherwise the later file wins.
     */
    static Map<ResourceId, ManagedDisk> disks(Snapshot snapshot) {
        Map<ResourceId, ManagedDisk> disks = new LinkedHashMap<>();
        for (ManagedDisk disk : snapshot.disks()) {
            disks.merge(disk.id(), disk, (earlier, later) ->
                    earlier.encryption().known() && !later.encryption().known() ? earlier : later);
        }
        return disks;
    }

    /** One record per snapshot id, as for {@link #disks}. */
    static Map<ResourceId, DiskSnapshot> diskSnapshots(Snapshot snapshot) {
        Map<ResourceId, DiskSnapshot> snapshots = new LinkedHashMap<>();
        for (DiskSnapshot s : snapshot.diskSnapshots()) {
            snapshots.merge(s.id(), s, (earlier, later) ->
                    earlier.encryption().known() && !later.encryption().known() ? earlier : later);
        }
        return snapshots;
    }

    private VaultKey mergeKey(List<VaultKey> copies) {
        List<VaultKey> ordered = sortOldestFirst(copies);
        String label = "key " + ordered.get(0).ref().vaultName() + "/" + ordered.get(0).name();
        // the current version: the newest record that names one
        String current = null;
        for (VaultKey k : ordered) {
            if (k.currentVersion() != null && k.deletedOn() == null) {
                current = k.currentVersion();
            }
        }
        String chosen = current;
        List<VaultKey> aboutCurrent = ordered.stream().filter(k -> k.deletedOn() == null
                && (k.currentVersion() == null || chosen == null || k.currentVersion().equalsIgnoreCase(chosen))).toList();
        VaultKey base = aboutCurrent.isEmpty() ? ordered.get(ordered.size() - 1)
                : mergeAttributes(aboutCurrent, label);
        ResourceId id = null;
        RotationPolicy policy = base.rotationPolicy();
        boolean policyKnown = base.rotationPolicyKnown();
        java.time.Instant deletedOn = null;
        for (VaultKey k : ordered) {
            id = k.id() != null ? k.id() : id;
            if (k.rotationPolicyKnown()) {
                policy = k.rotationPolicy();
                policyKnown = true;
            }
            deletedOn = k.deletedOn() != null ? k.deletedOn() : deletedOn;
        }
        VaultKey deleted = ordered.stream().filter(k -> k.deletedOn() != null).reduce((a, b) -> b).orElse(null);
        if (deleted != null) {
            // a deleted key's attributes are those the deleted record shows
            base = mergeAttributes(List.of(base, deleted), label);
        }
        return new VaultKey(id, base.ref(), chosen != null ? chosen : base.currentVersion(), base.enabled(),
                base.notBefore(), base.expires(), base.keyType(), base.keySize(), base.recoveryLevel(), policy,
                policyKnown, deletedOn, base.created());
    }

    /** Later (newer) non-null values override earlier ones; a conflict between two values is noted once. */
    private VaultKey mergeAttributes(List<VaultKey> oldestFirst, String label) {
        VaultKey merged = oldestFirst.get(0);
        List<String> conflicts = new ArrayList<>();
        for (VaultKey k : oldestFirst.subList(1, oldestFirst.size())) {
            conflict(conflicts, "enabled", merged.enabled(), k.enabled());
            conflict(conflicts, "expires", merged.expires(), k.expires());
            conflict(conflicts, "notBefore", merged.notBefore(), k.notBefore());
            conflict(conflicts, "kty", merged.keyType(), k.keyType());
            merged = new VaultKey(k.id() != null ? k.id() : merged.id(), merged.ref(),
                    k.currentVersion() != null ? k.currentVersion() : merged.currentVersion(),
                    k.enabled() != null ? k.enabled() : merged.enabled(),
                    k.notBefore() != null ? k.notBefore() : merged.notBefore(),
                    k.expires() != null ? k.expires() : merged.expires(),
                    k.keyType() != null ? k.keyType() : merged.keyType(),
                    k.keySize() != null ? k.keySize() : merged.keySize(),
                    k.recoveryLevel() != null ? k.recoveryLevel() : merged.recoveryLevel(),
                    k.rotationPolicyKnown() ? k.rotationPolicy() : merged.rotationPolicy(),
                    k.rotationPolicyKnown() || merged.rotationPolicyKnown(),
                    k.deletedOn() != null ? k.deletedOn() : merged.deletedOn(),
                    k.created() != null ? k.created() : merged.created());
        }
        if (!conflicts.isEmpty()) {
            Origin used = snapshot.origin(oldestFirst.get(oldestFirst.size() - 1));
            Origin other = snapshot.origin(oldestFirst.get(0));
            notes.add(label + " appears with different " + String.join(", ", conflicts.stream().distinct().toList())
                    + (used == null || other == null ? "" : " in " + other.file().getFileName() + " and "
                    + used.file().getFileName() + "; used " + used.file().getFileName() + ", because "
                    + used.whyPreferredOver(other)));
        }
        return merged;
    }

    private static void conflict(List<String> conflicts, String field, Object a, Object b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            conflicts.add(field);
        }
    }

    /** The newest of full copies of one resource; a note when they differ. */
    private <T> T newest(List<T> copies, String label) {
        List<T> ordered = sortOldestFirst(copies);
        T chosen = ordered.get(ordered.size() - 1);
        T differing = copies.stream().filter(c -> !c.equals(chosen)).findFirst().orElse(null);
        if (differing != null) {
            Origin used = snapshot.origin(chosen);
            Origin other = snapshot.origin(differing);
            notes.add(label + " appears in " + copies.size() + " records that disagree"
                    + (used == null || other == null ? "" : " (" + other.file().getFileName() + ", "
                    + used.file().getFileName() + "); used the one in " + used.file().getFileName() + ", because "
                    + used.whyPreferredOver(other)));
        }
        return chosen;
    }

    /** Oldest first by {@link Origin#AGE}; records built by hand keep their order, after loaded ones. */
    private <T> List<T> sortOldestFirst(List<T> copies) {
        List<T> sorted = new ArrayList<>(copies);
        sorted.sort(Comparator.comparing(snapshot::origin, Comparator.nullsLast(Origin.AGE)));
        return sorted;
    }

    private static VaultKey with(VaultKey k, ResourceId id, RotationPolicy policy, boolean policyKnown) {
        return new VaultKey(id, k.ref(), k.currentVersion(), k.enabled(), k.notBefore(), k.expires(), k.keyType(),
                k.keySize(), k.recoveryLevel(), policy, policyKnown, k.deletedOn(), k.created());
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
