package io.byokwatch.access;

import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One unusual thing in the window, explained: which detector saw it, how bad ({@code severity}) and how far from
 * normal ({@code score}, 0-100, orders anomalies of one severity; not a probability), where, who, how many events
 * against how many the baseline expects for the same period, a sentence or two a person can act on, the KQL that
 * lists the raw audit rows, and the hourly series behind it for charts.
 *
 * @param key       null for vault-wide events
 * @param operation the operation, or the most revealing one when the caller did several
 * @param sourceIp  the address most of the events came from, or null when the log had none
 */
public record Anomaly(String detector, Severity severity, double score, String vault, String key, String operation,
                      Caller caller, String sourceIp, long count, double baseline, Instant firstSeen, Instant lastSeen,
                      String explanation, String kql, List<ChartPoint> chart, Evidence evidence) {
    public Anomaly {
        caller = caller == null ? Caller.ANONYMOUS : caller;
        chart = List.copyOf(chart);
        evidence = evidence == null ? Evidence.NONE : evidence;
        score = Math.max(0, Math.min(100, Math.round(score * 10) / 10.0));
        if (!explanation.endsWith(".")) {
            throw new IllegalArgumentException("explanations are sentences ending with a period: " + explanation);
        }
    }

    /** An anomaly whose explanation and counts say all there is. */
    public Anomaly(String detector, Severity severity, double score, String vault, String key, String operation,
                   Caller caller, String sourceIp, long count, double baseline, Instant firstSeen, Instant lastSeen,
                   String explanation, String kql, List<ChartPoint> chart) {
        this(detector, severity, score, vault, key, operation, caller, sourceIp, count, baseline, firstSeen, lastSeen,
                explanation, kql, chart, Evidence.NONE);
    }

    /**
     * What a detector saw beyond one caller's count, for anomalies about absence rather than a caller (silent-key):
     * failed attempts by HTTP status, and who was expected to call.
     *
     * @param failuresByStatus failed attempts in the window per HTTP status (401, 403, 404...), in status order
     * @param expectedCallers  principal (object) id of each identity that should use the key, with its set's name
     * @param callersUnknown   why the expected callers cannot all be named, or null
     */
    public record Evidence(Map<Integer, Long> failuresByStatus, Map<String, String> expectedCallers, String callersUnknown) {
        public static final Evidence NONE = new Evidence(Map.of(), Map.of(), null);

        public Evidence {
            failuresByStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failuresByStatus));
            expectedCallers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expectedCallers));
        }

        public long failures() {
            return failuresByStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        /** True when there is no caller to name: the anomaly is about what did not happen. */
        public boolean aboutAbsence() {
            return !expectedCallers.isEmpty() || callersUnknown != null || !failuresByStatus.isEmpty();
        }
    }

    /** One step less severe; low stays low. */
    static Severity lower(Severity s) {
        return Severity.values()[Math.min(s.ordinal() + 1, Severity.LOW.ordinal())];
    }

    /** Severity first, then score, then a stable order by place, so reports rank alike on every run. */
    static int rank(Anomaly a, Anomaly b) {
        int c = a.severity.compareTo(b.severity);
        if (c != 0) {
            return c;
        }
        c = Double.compare(b.score, a.score);
        if (c != 0) {
            return c;
        }
        c = a.detector.compareTo(b.detector);
        if (c != 0) {
            return c;
        }
        c = (a.vault + "/" + a.key).compareTo(b.vault + "/" + b.key);
        return c != 0 ? c : a.caller.id().compareTo(b.caller.id());
    }
}
