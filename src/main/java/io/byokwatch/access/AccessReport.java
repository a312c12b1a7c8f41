package io.byokwatch.access;

import io.byokwatch.domain.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The nightly answer to "who is using our disk keys, and is it normal?": what was read, the ranked anomalies, what
 * the allowlist hid and why, and notes on anything that limits the answer (partial results, a short baseline). Every
 * renderer (JSON, Markdown, HTML, chat digests) reads this and nothing else.
 *
 * @param records        audit events read, baseline and window together
 * @param vaults         vaults with any event in that range
 * @param keys           keys with any event in that range
 * @param windowEvents   events in the window alone
 * @param operations     window events per operation, most frequent first
 * @param baselineCovered whole baseline days the logs reached (fewer than asked when retention or the export is short)
 * @param inventory      whether detectors knew the disk encryption sets, or judged by history alone
 */
public record AccessReport(Instant windowStart, Instant windowEnd, int baselineDays, int baselineCovered, long records,
                           int vaults, int keys, long windowEvents, Map<String, Long> operations, List<Anomaly> anomalies,
                           List<Suppressed> suppressed, List<String> notes, String source, boolean inventory) {

    /** An anomaly the allowlist hid, kept so the report can say what was hidden and on whose word. */
    public record Suppressed(Anomaly anomaly, AllowlistEntry entry) {
    }

    public AccessReport {
        operations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(operations));
        anomalies = List.copyOf(anomalies);
        suppressed = List.copyOf(suppressed);
        notes = List.copyOf(notes);
    }

    public long count(Severity severity) {
        return anomalies.stream().filter(a -> a.severity() == severity).count();
    }

    /** True when no detector found anything: a real result, and reports say so in words. */
    public boolean nothingUnusual() {
        return anomalies.isEmpty();
    }

    /** The most severe anomaly's severity, or null when nothing is unusual. */
    public Severity worst() {
        return anomalies.isEmpty() ? null : anomalies.get(0).severity();
    }
}
