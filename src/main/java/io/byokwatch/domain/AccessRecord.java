package io.byokwatch.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * Key Vault audit events that share one UTC hour, vault, key, operation, caller, source address and HTTP status: the
 * unit Log Analytics returns from the hourly query, and what one raw audit event becomes (count 1). Vault and key
 * names are lower-cased; {@code key} is null for vault operations ({@code VaultPut}) and {@code sourceIp} and
 * {@code status} are null/0 when the log did not say. {@code firstSeen}/{@code lastSeen} bound the events inside
 * the hour.
 *
 * <p>Immutable, like a record; a class only so that the two times are kept as numbers. A report holds millions of
 * these, and two {@link Instant} objects each would be a third of their memory.
 */
public final class AccessRecord {
    private final Instant hour;
    private final String vault;
    private final String key;
    private final String operation;
    private final Caller caller;
    private final String sourceIp;
    private final int status;
    private final long count;
    private final long firstSeenNanos;
    private final long lastSeenNanos;

    public AccessRecord(Instant hour, String vault, String key, String operation, Caller caller, String sourceIp,
                        int status, long count, Instant firstSeen, Instant lastSeen) {
        this.hour = hour.truncatedTo(ChronoUnit.HOURS);
        this.vault = lower(vault);
        this.key = lower(key);
        this.operation = operation;
        this.caller = caller == null ? Caller.ANONYMOUS : caller;
        this.sourceIp = sourceIp == null || sourceIp.isBlank() ? null : sourceIp.trim();
        this.status = status;
        this.count = count;
        Instant first = firstSeen == null ? this.hour : firstSeen;
        this.firstSeenNanos = nanos(first);
        this.lastSeenNanos = nanos(lastSeen == null ? first : lastSeen);
        if (count < 1) {
            throw new IllegalArgumentException("an access record counts at least one event, not " + count);
        }
    }

    /** One audit event. */
    public static AccessRecord event(Instant time, String vault, String key, String operation, Caller caller,
                                     String sourceIp, int status) {
        return new AccessRecord(time, vault, key, operation, caller, sourceIp, status, 1, time, time);
    }

    public Instant hour() {
        return hour;
    }

    public String vault() {
        return vault;
    }

    public String key() {
        return key;
    }

    public String operation() {
        return operation;
    }

    public Caller caller() {
        return caller;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public int status() {
        return status;
    }

    public long count() {
        return count;
    }

    public Instant firstSeen() {
        return instant(firstSeenNanos);
    }

    public Instant lastSeen() {
        return instant(lastSeenNanos);
    }

    /** {@link #firstSeen()} as nanoseconds since the epoch, for comparisons without building an Instant. */
    public long firstSeenNanos() {
        return firstSeenNanos;
    }

    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** 2xx: the vault did what was asked. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** Nanoseconds since the epoch fit a long until 2262; audit times carry 100 ns ticks, which this keeps. */
    public static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessRecord r && hour.equals(r.hour) && status == r.status && count == r.count
                && firstSeenNanos == r.firstSeenNanos && lastSeenNanos == r.lastSeenNanos && Objects.equals(vault, r.vault)
                && Objects.equals(key, r.key) && Objects.equals(operation, r.operation) && caller.equals(r.caller)
                && Objects.equals(sourceIp, r.sourceIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hour, vault, key, operation, caller, sourceIp, status, count, firstSeenNanos, lastSeenNanos);
    }

    @Override
    public String toString() {
        return "AccessRecord[" + hour + " " + vault + "/" + key + " " + operation + " " + caller.id() + " " + sourceIp + " "
                + status + " x" + count + "]";
    }
}
