package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fires when a disk key that clusters depend on (through their disk encryption sets) had no successful KeyUnwrap at
 * all in the window. Disks are unlocked by unwrapping, and Azure re-checks access to the key while VMs run, so
 * silence means the key or its identity stopped working, or the vault's audit logs stopped arriving. Needs an
 * inventory: without one nothing says which keys clusters depend on.
 */
final class SilentKeyDetector implements Detector {
    static final String ID = "silent-key";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Anomaly> detect(DetectionContext c) {
        if (!c.estate().known()) {
            c.note("silent-key needs an inventory to know which keys clusters depend on; run with --inventory.");
            return List.of();
        }
        List<Anomaly> out = new ArrayList<>();
        for (ByokEstate.DiskKey disk : c.estate().diskKeys()) {
            if (disk.clusters().isEmpty()) {
                continue;
            }
            KeyActivity k = c.index().key(disk.vault(), disk.key());
            int[] unwraps = k == null ? new int[c.index().hours()] : k.unwraps();
            if (c.windowSum(unwraps) > 0) {
                continue;
            }
            out.add(anomaly(c, disk, k, unwraps));
        }
        return out;
    }

    private static Anomaly anomaly(DetectionContext c, ByokEstate.DiskKey disk, KeyActivity k, int[] unwraps) {
        int covered = c.baselineDaysCovered();
        int activeDays = c.activeBaselineDays(unwraps);
        long baselineUnwraps = c.baselineSum(unwraps);
        Instant lastUnwrap = null;
        Map<Integer, Long> failed = new TreeMap<>();
        if (k != null) {
            for (AccessRecord r : k.records()) {
                if (!Operations.UNWRAP.equals(r.operation())) {
                    continue;
                }
                if (r.succeeded() && (lastUnwrap == null || r.lastSeen().isAfter(lastUnwrap))) {
                    lastUnwrap = r.lastSeen();
                } else if (!r.succeeded() && c.inWindow(r)) {
                    failed.merge(r.status(), r.count(), Long::sum);
                }
            }
        }
        boolean vaultLogged = c.index().vaults().contains(disk.vault());
        Severity severity = covered > 0 && activeDays * 2 >= covered ? Severity.HIGH : Severity.MEDIUM;
        StringBuilder why = new StringBuilder();
        why.append("No disk encryption set unwrapped ").append(disk.vault()).append('/').append(disk.key())
                .append(" in the last ").append(c.windowPhrase()).append(", yet ").append(Text.list(disk.clusters(), 6))
                .append(disk.clusters().size() == 1 ? " depends" : " depend").append(" on it through ")
                .append(ByokEstate.setsPhrase(disk)).append(". ");
        if (lastUnwrap != null) {
            why.append("The last successful unwrap was at ").append(Text.time(lastUnwrap)).append("; in the baseline it was unwrapped on ")
                    .append(activeDays).append(" of ").append(covered).append(" days, about ")
                    .append(Text.number(activeDays == 0 ? 0 : (double) baselineUnwraps / activeDays)).append(" times a day. ");
        } else if (vaultLogged) {
            why.append("It was not unwrapped in the ").append(covered).append("-day baseline either, though the vault logs other calls. ");
        } else {
            why.append("Vault ").append(disk.vault()).append(" sent no key or vault audit events at all in ").append(covered + " baseline days")
                    .append(" and the window: its diagnostic setting may not send AuditEvent logs to this workspace. ");
        }
        if (!failed.isEmpty()) {
            long total = failed.values().stream().mapToLong(Long::longValue).sum();
            why.append(Text.plural(total, "unwrap attempt")).append(" failed (");
            List<String> parts = new ArrayList<>();
            failed.forEach((status, n) -> parts.add(n + " x " + status));
            why.append(String.join(", ", parts)).append("). ");
        }
        why.append("The key may be disabled, deleted or unreachable for the sets' identities, which stops disks from being"
                + " attached and nodes from starting.");
        double score = 40 + 60.0 * activeDays / Math.max(1, covered);
        Instant silentSince = lastUnwrap != null && lastUnwrap.isBefore(c.windowStart()) ? lastUnwrap : c.windowStart();
        Anomaly.Evidence evidence = new Anomaly.Evidence(failed, disk.setByPrincipal(),
                disk.callersKnown() ? null : disk.whyCallersUnknown());
        return new Anomaly(ID, severity, score, disk.vault(), disk.key(), Operations.UNWRAP, Caller.ANONYMOUS, null, 0,
                c.perWindow(baselineUnwraps), silentSince, c.windowEnd(), why.toString(),
                c.kql(disk.vault(), disk.key(), Operations.UNWRAP, null, null, 0), c.chart(unwraps, c.baselineFrom()), evidence);
    }
}
