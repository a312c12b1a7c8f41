package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Fires when a key refuses far more requests with one of 401, 403 or 429 in an hour than the same hour of comparable
 * baseline days: at least {@code failureMinCount}, {@code failureRatio} times and {@code failureZ} robust standard
 * deviations above normal. Each status is its own series, because every client's first request is answered 401
 * (the token challenge) and a 403 burst must not hide inside that steady background.
 */
final class FailureBurstDetector implements Detector {
    static final String ID = "failure-burst";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Anomaly> detect(DetectionContext c) {
        Thresholds t = c.thresholds();
        List<Anomaly> out = new ArrayList<>();
        for (KeyActivity k : c.index().keys()) {
            for (int status : KeyActivity.FAILURE_STATUSES) {
                int[] counts = k.failures(status);
                if (!HourlyBurst.reachesMinimum(counts, c.windowFrom(), c.windowTo(), t.failureMinCount())) {
                    continue;
                }
                HourlyBurst b = HourlyBurst.find(c, counts, c.baselineFrom(),
                        t.failureMinCount(), t.failureRatio(), t.failureZ());
                if (b != null) {
                    out.add(anomaly(c, k, status, counts, b));
                }
            }
        }
        return out;
    }

    private static Anomaly anomaly(DetectionContext c, KeyActivity k, int status, int[] counts, HourlyBurst b) {
        Tally t = new Tally();
        for (AccessRecord r : k.records()) {
            if (r.status() == status && b.covers(c.index().hourOf(r.hour()))) {
                t.add(r);
            }
        }
        Caller top = t.topCaller();
        long topShare = Math.round(100.0 * t.byCaller.getOrDefault(top.id(), 0L) / Math.max(1, t.total));
        String set = c.estate().setOf(top.objectId());
        ByokEstate.DiskKey disk = c.estate().diskKey(k.vault(), k.key());
        StringBuilder why = new StringBuilder();
        why.append(k.vault()).append('/').append(k.key()).append(" answered ").append(Text.plural(b.count, "request"))
                .append(" with ").append(status).append(' ').append(reason(status)).append(" in ")
                .append(Text.plural(b.hours.size(), "hour")).append(" where about ").append(Text.number(b.expected))
                .append(" are normal; ").append(b.peakPhrase(c)).append(". ").append(topShare).append("% came from ")
                .append(top.label()).append(" (").append(t.operations()).append(").");
        Severity severity;
        if (status == 403) {
            severity = set != null ? Severity.CRITICAL : Severity.HIGH;
            if (set != null) {
                why.append(" That is disk encryption set ").append(set).append(": its identity has lost access to the key, so ")
                        .append(disk == null || disk.clusters().isEmpty() ? "its disks" : "nodes of " + Text.list(disk.clusters(), 6))
                        .append(" cannot start or attach disks until access is restored.");
            } else {
                why.append(" A principal is being denied on a key it tries to use: a broken role assignment or someone probing.");
            }
        } else if (status == 429) {
            severity = set != null ? Severity.HIGH : Severity.MEDIUM;
            why.append(" Key Vault throttles callers above its transaction limits; disk operations that meet it fail or wait.");
        } else {
            severity = Severity.MEDIUM;
            why.append(" Every client's first request is answered 401 before it sends a token, so only a jump over the key's own"
                    + " history counts: a client whose tokens are refused, or scanning.");
        }
        double score = 25 * Math.log10(b.peakRatio()) + 1.5 * Math.min(b.peakZ, 30) + 5;
        return new Anomaly(ID, severity, score, k.vault(), k.key(), t.mainOperation(), top, t.topAddress(), b.count,
                b.expected, t.first, t.last, why.toString(), c.kql(k.vault(), k.key(), null, null, null, status),
                c.chart(counts, c.baselineFrom()));
    }

    static String reason(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 429 -> "Too Many Requests";
            default -> "";
        };
    }
}
