package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fires when a caller uses a key from a network (an IPv4 /24 or IPv6 /64 by default) it never used for that key in the
 * baseline, given at least {@code minBaselineDays} active baseline days with addresses to compare with. A token
 * replayed from elsewhere, or a credential used off its usual host, looks like this.
 */
final class NewSourceDetector implements Detector {
    static final String ID = "new-source";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Anomaly> detect(DetectionContext c) {
        Thresholds t = c.thresholds();
        List<Anomaly> out = new ArrayList<>();
        // A few thousand addresses recur across millions of bins; parse each once.
        Map<String, String> networks = new HashMap<>();
        for (CallerSeries s : c.index().series()) {
            if (c.windowSum(s.counts()) == 0 || c.activeBaselineDays(s.counts()) < t.minBaselineDays()) {
                continue;
            }
            // A series' bins are in hour order: the window's are at the end, the latest baseline just before them.
            List<AccessRecord> records = s.records();
            int i = records.size() - 1;
            Map<String, Tally> candidates = new LinkedHashMap<>();
            for (; i >= 0 && c.index().hourOf(records.get(i).hour()) >= c.windowFrom(); i--) {
                AccessRecord r = records.get(i);
                if (r.sourceIp() != null && c.inWindow(r)) {
                    candidates.computeIfAbsent(network(networks, r.sourceIp(), t), n -> new Tally()).add(r);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            // Most days every window network was also used yesterday: stop reading back as soon as all are accounted for.
            Set<String> unexplained = new LinkedHashSet<>(candidates.keySet());
            boolean anyAddress = false;
            for (; i >= 0 && !unexplained.isEmpty() && c.index().hourOf(records.get(i).hour()) >= c.baselineFrom(); i--) {
                String ip = records.get(i).sourceIp();
                if (ip != null) {
                    anyAddress = true;
                    unexplained.remove(network(networks, ip, t));
                }
            }
            if (!anyAddress || unexplained.isEmpty()) {
                continue;
            }
            Set<String> known = new LinkedHashSet<>();
            for (AccessRecord r : records) {
                if (r.sourceIp() != null && c.inBaseline(r)) {
                    known.add(network(networks, r.sourceIp(), t));
                }
            }
            for (String net : unexplained) {
                Tally tally = candidates.get(net);
                if (tally.total >= t.newSourceMinCount()) {
                    out.add(anomaly(c, s, net, tally, known));
                }
            }
        }
        return out;
    }

    private static String network(Map<String, String> cache, String ip, Thresholds t) {
        String n = cache.get(ip);
        if (n == null) {
            n = IpNetwork.of(ip, t.ipv4Prefix(), t.ipv6Prefix());
            cache.put(ip, n);
        }
        return n;
    }

    private static Anomaly anomaly(DetectionContext c, CallerSeries s, String network, Tally t, Set<String> known) {
        Severity severity = t.keyUseSucceeded > 0 ? Severity.HIGH : t.succeeded > 0 ? Severity.MEDIUM : Severity.LOW;
        String set = c.estate().setOf(s.caller().objectId());
        StringBuilder why = new StringBuilder();
        why.append(Text.capitalised(s.caller().label())).append(" used ").append(s.vault()).append('/')
                .append(s.key()).append(" from ").append(t.addresses(3)).append(" in ").append(network)
                .append(", a network it never used for this key in the ").append(c.baselineDaysCovered())
                .append("-day baseline, where its calls came from ").append(Text.list(known, 3)).append("; ")
                .append(Text.plural(t.total, "call")).append(" (").append(t.operations()).append("), ")
                .append(t.succeeded).append(" succeeded.");
        if (set != null) {
            why.append(" This is the identity of disk encryption set ").append(set)
                    .append(", whose calls come from Azure's own hosts: a call from a new network can mean its token is used elsewhere.");
        }
        double score = 40 + 15 * Math.log10(1 + t.total) + (t.keyUseSucceeded > 0 ? 20 : 0) + (set != null ? 10 : 0);
        return new Anomaly(ID, severity, score, s.vault(), s.key(), t.mainOperation(), s.caller(), t.topAddress(), t.total,
                0, t.first, t.last, why.toString(), c.kql(s.vault(), s.key(), null, s.caller(), t.topAddress(), 0),
                c.chart(c.countsOf(t.records), c.baselineFrom()));
    }
}
