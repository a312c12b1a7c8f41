package io.byokwatch.app;

import io.byokwatch.access.Operations;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Transition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.kpi.Cost;
import io.byokwatch.kpi.Grouping;
import io.byokwatch.kpi.KeyInUse;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.Kpis;
import io.byokwatch.kpi.OperationCount;
import io.byokwatch.kpi.PriceTable;
import io.byokwatch.port.AccessLogRead;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.port.VaultMetrics;
import io.byokwatch.port.VerdictStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KPI report: reads the transition history, learns from the inventory which keys clusters depend on and how they
 * are rotated, counts the operations on those keys from audit logs (or the ServiceApiHit metric), and computes the
 * figures. The CLI, {@code serve}, the Compliance function and the nightly timer all call this.
 */
public final class KpiJob {
    private static final Set<String> ROTATE = Set.of("KeyRotate", Cost.ROTATE_IF_DUE);

    private final TransitionHistory history;
    private final VerdictStore verdicts;
    private final AlertCodec codec;
    private final Inventory inventory;
    private final String inventoryLabel;
    private final AccessLogSource logs;
    private final VaultMetrics metrics;
    private final PriceTable prices;
    private final int keyMaxAgeDays;
    private final Duration retention;

    /**
     * @param verdicts  stands in for history with the stored verdict of each cluster that predates the history; may be null
     * @param inventory null when none was given: rotation and cost then have no keys
     * @param logs      audit logs to count operations from, or null
     * @param metrics   the ServiceApiHit metric, used when no logs are given; may be null
     */
    public KpiJob(TransitionHistory history, VerdictStore verdicts, AlertCodec codec, Inventory inventory,
                  String inventoryLabel, AccessLogSource logs, VaultMetrics metrics, PriceTable prices, int keyMaxAgeDays,
                  Duration retention) {
        this.history = history;
        this.verdicts = verdicts;
        this.codec = codec;
        this.inventory = inventory;
        this.inventoryLabel = inventoryLabel;
        this.logs = logs;
        this.metrics = metrics;
        this.prices = prices;
        this.keyMaxAgeDays = keyMaxAgeDays;
        this.retention = retention;
    }

    public KpiReport run(Instant now, Instant from, Instant to, Grouping grouping) {
        List<String> notes = new ArrayList<>();
        List<Transition> entries = new ArrayList<>(history.read(to.minus(retention).minus(Duration.ofDays(31)), to));
        entries.addAll(standIns(entries, to, notes));
        List<KeyInUse> keys = inventory == null ? List.of() : keysInUse(notes);
        if (inventory == null) {
            notes.add("No inventory was given, so rotation and cost have no keys to report: add --inventory PATH or --live.");
        }
        List<OperationCount> operations = null;
        String source = null;
        if (logs != null && !keys.isEmpty()) {
            Map<String, Long> rotations = new LinkedHashMap<>();
            operations = fromLogs(keys, from, to, rotations, notes);
            keys = withRotations(keys, rotations);
            source = "audit-logs";
        } else if (metrics != null && !keys.isEmpty()) {
            operations = fromMetrics(keys, from, to, notes);
            source = "metrics";
        }
        return Kpis.compute(new Kpis.Inputs(now, from, to, grouping, entries, inventoryLabel, keys, operations, source,
                prices, keyMaxAgeDays, notes));
    }

    /**
     * Clusters byokwatch judged before it kept history have a stored verdict and no entry: the verdict stands in as a
     * baseline from when it last changed, so an upgrade does not restart the figures from nothing.
     */
    private List<Transition> standIns(List<Transition> entries, Instant to, List<String> notes) {
        if (verdicts == null) {
            return List.of();
        }
        Set<ResourceId> known = new HashSet<>();
        entries.forEach(t -> known.add(t.clusterId()));
        List<Transition> out = new ArrayList<>();
        for (StoredVerdict v : verdicts.all()) {
            ClusterStatus status = status(v.status());
            if (known.contains(v.clusterId()) || status == null || !v.since().isBefore(to)) {
                continue;
            }
            out.add(new Transition("verdict-" + hash(v.clusterId().key() + "|" + v.since()), Transition.Kind.BASELINE,
                    v.clusterId(), v.clusterName(), v.subscriptionId(), codec.storedTags(v.detailJson()), status, null,
                    codec.storedFindings(v.detailJson()).stream().map(Transition.FindingRef::of).toList(), List.of(),
                    v.since(), null, false, null, null));
        }
        if (!out.isEmpty()) {
            notes.add(out.size() + (out.size() == 1 ? " cluster was" : " clusters were") + " judged before the history was"
                    + " kept: each counts from its stored verdict's last change, as a baseline.");
        }
        return out;
    }

    private List<KeyInUse> keysInUse(List<String> notes) {
        Map<String, KeyRef> refs = new LinkedHashMap<>();
        Map<String, List<KeyInUse.Consumer>> consumers = new LinkedHashMap<>();
        Map<ResourceId, DiskEncryptionSet> sets = new LinkedHashMap<>();
        Map<ResourceId, List<String>> clustersBySet = new LinkedHashMap<>();
        for (ManagedCluster c : inventory.clusters()) {
            if (c.kms().enabled() && c.kms().key() != null) {
                KeyRef k = c.kms().key();
                refs.putIfAbsent(k.keyId(), k.versionless());
                consumers.computeIfAbsent(k.keyId(), x -> new ArrayList<>()).add(new KeyInUse.Consumer(KeyInUse.Consumer.KMS,
                        c.id(), c.name(), k.version(), false, null, null, List.of(c.name())));
            }
            if (c.diskEncryptionSetId() == null) {
                continue;
            }
            Lookup<DiskEncryptionSet> set = inventory.diskEncryptionSet(c.diskEncryptionSetId());
            if (set.orNull() != null) {
                sets.putIfAbsent(set.orNull().id(), set.orNull());
                clustersBySet.computeIfAbsent(set.orNull().id(), x -> new ArrayList<>()).add(c.name());
            }
        }
        for (DiskEncryptionSet s : sets.values()) {
            if (s.activeKey() == null) {
                continue;
            }
            KeyRef k = s.activeKey();
            refs.putIfAbsent(k.keyId(), k.versionless());
            consumers.computeIfAbsent(k.keyId(), x -> new ArrayList<>()).add(new KeyInUse.Consumer(
                    KeyInUse.Consumer.DISK_ENCRYPTION_SET, s.id(), s.name(), k.version(), s.rotationToLatestKeyVersion(),
                    s.lastKeyRotation(), s.rotationErrorCode() != null ? s.rotationErrorCode() : s.rotationErrorMessage(),
                    clustersBySet.getOrDefault(s.id(), List.of())));
        }
        List<KeyInUse> keys = new ArrayList<>();
        int unversioned = 0;
        for (Map.Entry<String, KeyRef> e : refs.entrySet()) {
            KeyRef ref = e.getValue();
            Lookup<VaultKey> key = inventory.key(ref);
            Lookup<List<VaultKey>> versions = inventory.keyVersions(ref);
            String keyUnknown = key instanceof Lookup.Unknown<VaultKey> u ? u.reason()
                    : key instanceof Lookup.Absent<VaultKey> a ? "key " + ref.name() + " does not exist: " + a.evidence() : null;
            String versionsUnknown = versions instanceof Lookup.Unknown<List<VaultKey>> u ? u.reason()
                    : versions instanceof Lookup.Absent<List<VaultKey>> a ? a.evidence() : null;
            if (versions.orNull() == null) {
                unversioned++;
            }
            keys.add(new KeyInUse(ref, key.orNull(), keyUnknown, versions.orNull(), versionsUnknown,
                    consumers.getOrDefault(e.getKey(), List.of()), null));
        }
        if (unversioned > 0) {
            notes.add(unversioned + " of " + keys.size() + " keys in use have no versions in the inventory, so their"
                    + " rotation age is unknown; each says which az keyvault key list-versions output adds them.");
        }
        return keys;
    }

    /** Successful operations on the keys in use, per key, month and operation; rotations per key on the side. */
    private List<OperationCount> fromLogs(List<KeyInUse> keys, Instant from, Instant to, Map<String, Long> rotations,
                                          List<String> notes) {
        Set<String> wanted = new HashSet<>();
        keys.forEach(k -> wanted.add(name(k.key())));
        Map<String, Long> counts = new TreeMap<>();
        AccessLogRead read = logs.read(from, to, r -> {
            if (r.key() == null || !r.succeeded() || !wanted.contains(r.vault() + "/" + r.key())) {
                return;
            }
            String op = Operations.canonical(r.operation());
            synchronized (counts) {
                counts.merge(r.vault() + "\u0000" + r.key() + "\u0000" + YearMonth.from(r.hour().atOffset(ZoneOffset.UTC))
                        + "\u0000" + op, r.count(), Long::sum);
                if (ROTATE.contains(op)) {
                    rotations.merge(r.vault() + "/" + r.key(), r.count(), Long::sum);
                }
            }
        });
        read.problems().forEach(p -> notes.add("Audit logs: " + p));
        List<OperationCount> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            String[] p = k.split("\u0000");
            out.add(new OperationCount(p[0], p[1], YearMonth.parse(p[2]), p[3], n));
        });
        return out;
    }

    private static List<KeyInUse> withRotations(List<KeyInUse> keys, Map<String, Long> rotations) {
        List<KeyInUse> out = new ArrayList<>();
        for (KeyInUse k : keys) {
            out.add(new KeyInUse(k.key(), k.vaultKey(), k.unknownReason(), k.versions(), k.versionsUnknown(), k.consumers(),
                    rotations.getOrDefault(name(k.key()), 0L)));
        }
        return out;
    }

    private List<OperationCount> fromMetrics(List<KeyInUse> keys, Instant from, Instant to, List<String> notes) {
        Map<ResourceId, String> vaults = new LinkedHashMap<>();
        for (KeyInUse k : keys) {
            KeyVault v = inventory.vaultByHost(k.key().vaultHost()).orNull();
            if (v != null && !v.managedHsm()) {
                vaults.putIfAbsent(v.id(), k.key().vaultName().toLowerCase(Locale.ROOT));
            }
        }
        VaultMetrics.Result result = metrics.serviceApiHits(List.copyOf(vaults.keySet()), from, to);
        result.problems().forEach(p -> notes.add("Metrics: " + p));
        List<OperationCount> out = new ArrayList<>();
        for (VaultMetrics.Hits h : result.hits()) {
            String vault = vaults.getOrDefault(h.vault(), h.vault().name().toLowerCase(Locale.ROOT));
            out.add(new OperationCount(vault, null, h.month(), h.activity(), h.count()));
        }
        return out;
    }

    private static String name(KeyRef ref) {
        return ref.vaultName().toLowerCase(Locale.ROOT) + "/" + ref.name().toLowerCase(Locale.ROOT);
    }

    private static ClusterStatus status(String label) {
        for (ClusterStatus s : ClusterStatus.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
