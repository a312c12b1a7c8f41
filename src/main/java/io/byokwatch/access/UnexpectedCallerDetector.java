package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fires when a principal that is not the identity of a disk encryption set using the key performs a crypto operation
 * or KeyGet on a disk key, or on a KMS key when it is not the identity of a cluster whose KMS uses the key (or is, but
 * does more than encrypt, decrypt and get). An unexpected encrypt or decrypt on a KMS key is as critical as an unwrap
 * of a disk key. Without an inventory (or when it cannot name every legitimate caller of a key), a principal
 * that never used the key in the baseline fires instead. Whoever unwraps a disk key can read the disks it protects.
 */
final class UnexpectedCallerDetector implements Detector {
    static final String ID = "unexpected-caller";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Anomaly> detect(DetectionContext c) {
        ByokEstate estate = c.estate();
        Map<String, Tally> groups = new LinkedHashMap<>();
        for (AccessRecord r : c.windowRecords()) {
            if (r.key() == null || !Operations.keyUse(r.operation()) || r.caller().anonymous()) {
                continue;
            }
            ByokEstate.DiskKey disk = estate.diskKey(r.vault(), r.key());
            if (estate.known() && disk == null) {
                continue;
            }
            if (disk != null && disk.expects(r.caller().objectId(), r.operation())) {
                continue;
            }
            groups.computeIfAbsent(r.vault() + "/" + r.key() + "/" + r.caller().id(), k -> new Tally()).add(r);
        }
        List<Anomaly> out = new ArrayList<>();
        Set<String> unjudged = new TreeSet<>();
        for (Tally t : groups.values()) {
            AccessRecord any = t.records.get(0);
            ByokEstate.DiskKey disk = estate.diskKey(any.vault(), any.key());
            CallerSeries series = c.index().series(any.vault(), any.key(), any.caller().id());
            long callerBaseline = series == null ? 0 : c.baselineSum(series.counts());
            KeyActivity activity = c.index().key(any.vault(), any.key());
            long keyBaseline = activity == null ? 0 : c.baselineSum(activity.all());
            if (disk == null) {
                if (keyBaseline == 0) {
                    unjudged.add(any.vault() + "/" + any.key());
                    continue;
                }
                if (callerBaseline > 0) {
                    continue;
                }
            } else if (!disk.callersKnown() && callerBaseline > 0) {
                continue;
            }
            out.add(anomaly(c, t, disk, series, callerBaseline, keyBaseline));
        }
        if (!unjudged.isEmpty()) {
            c.note("unexpected-caller could not judge the callers of " + Text.list(unjudged, 5) + ": no baseline events and no"
                    + " inventory naming their disk encryption sets.");
        }
        return out;
    }

    private static Anomaly anomaly(DetectionContext c, Tally t, ByokEstate.DiskKey disk, CallerSeries series,
                                   long callerBaseline, long keyBaseline) {
        AccessRecord any = t.records.get(0);
        Caller caller = series == null ? any.caller() : series.caller();
        long kmsCrypto = disk != null && disk.servesKms() ? t.records.stream().filter(r -> r.succeeded()
                && (r.operation().equals("KeyEncrypt") || r.operation().equals("KeyDecrypt"))).mapToLong(AccessRecord::count)
                .sum() : 0;
        Severity severity = t.unwrapSucceeded > 0 || kmsCrypto > 0 ? Severity.CRITICAL
                : t.keyUseSucceeded > 0 ? Severity.HIGH : Severity.MEDIUM;
        StringBuilder why = new StringBuilder();
        why.append(Text.capitalised(caller.label())).append(" called ").append(t.operations()).append(" on ");
        if (disk != null) {
            why.append(disk.describe()).append(" (")
                    .append(Text.plural(t.succeeded, "call")).append(" succeeded), which only ")
                    .append(ByokEstate.expectedCallersPhrase(disk)).append(" should use");
            String ownSet = c.estate().setOf(caller.objectId());
            String ownCluster = caller.objectId() == null ? null
                    : disk.kmsClusterByPrincipal().get(caller.objectId().toLowerCase(java.util.Locale.ROOT));
            why.append(ownSet != null ? "; it is the identity of " + ownSet + ", which uses another key"
                    : ownCluster != null ? "; it is the KMS identity of cluster " + ownCluster + ", which needs only"
                    + " encrypt, decrypt and get"
                    : disk.servesKms() ? "; it is neither a disk encryption set's identity nor a KMS cluster identity"
                    : "; it is no disk encryption set's identity");
            if (!disk.callersKnown()) {
                why.append(", and it never used the key in the ").append(c.baselineDaysCovered())
                        .append("-day baseline (the inventory cannot name every caller: ").append(disk.whyCallersUnknown())
                        .append(')');
            }
            why.append('.');
            if (!disk.clusters().isEmpty()) {
                why.append(" Clusters ").append(Text.list(disk.clusters(), 6)).append(" depend on this key.");
            }
            if (!disk.kmsClusters().isEmpty()) {
                why.append(" It encrypts the Kubernetes secrets of ").append(Text.list(disk.kmsClusters(), 6)).append('.');
            }
        } else {
            severity = Anomaly.lower(severity);
            why.append("key ").append(any.vault()).append('/').append(any.key()).append(" (")
                    .append(Text.plural(t.succeeded, "call")).append(" succeeded), which it never used in the ")
                    .append(c.baselineDaysCovered()).append("-day baseline (").append(Text.plural(keyBaseline, "event"))
                    .append(" by other callers). Without an inventory byokwatch cannot tell whether it is a disk encryption set.");
        }
        if (kmsCrypto > 0) {
            why.append(" Whoever can encrypt and decrypt with a KMS key can unwrap the data keys that protect the"
                    + " cluster's secrets.");
        } else if (t.unwrapSucceeded > 0) {
            why.append(" A successful unwrap hands over the key that decrypts the disks.");
        }
        double score = 50 + 15 * Math.log10(1 + t.total) + (t.unwrapSucceeded > 0 ? 20 : t.keyUseSucceeded > 0 ? 10 : 0)
                + (caller.human() ? 10 : 0);
        int[] counts = series == null ? c.countsOf(t.records) : series.counts();
        return new Anomaly(ID, severity, score, any.vault(), any.key(), t.mainOperation(), caller, t.topAddress(), t.total,
                c.perWindow(callerBaseline), t.first, t.last, why.toString(),
                c.kql(any.vault(), any.key(), null, caller, null, 0), c.chart(counts, c.baselineFrom()));
    }
}
