package io.byokwatch.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Key Vault audit events that share one UTC hour, vault, key, operation, caller, source address and HTTP status: the
 * unit Log Analytics returns from the hourly query, and what one raw audit event becomes (count 1). Vault and key
 * names are lower-cased; {@code key} is null for vault operations ({@code VaultPut}) and {@code sourceIp} and
 * {@code status} are null/0 when the log did not say. {@code firstSeen}/{@code lastSeen} bound the events inside
 * the hour.
 */
public record AccessRecord(Instant hour, String vault, String key, String operation, Caller caller, String sourceIp,
                           int status, long count, Instant firstSeen, Instant lastSeen) {
    public AccessRecord {
        hour = hour.truncatedTo(ChronoUnit.HOURS);
        vault = lower(vault);
        key = lower(key);
        caller = caller == null ? Caller.ANONYMOUS : caller;
        sourceIp = sourceIp == null || sourceIp.isBlank() ? null : sourceIp.trim();
        firstSeen = firstSeen == null ? hour : firstSeen;
        lastSeen = lastSeen == null ? firstSeen : lastSeen;
        if (count < 1) {
            throw new IllegalArgumentException("an access record counts at least one event, not " + count);
        }
    }

    /** One audit event. */
    public static AccessRecord event(Instant time, String vault, String key, String operation, Caller caller,
                                     String sourceIp, int status) {
        return new AccessRecord(time, vault, key, operation, caller, sourceIp, status, 1, time, time);
    }

    /** 2xx: the vault did what was asked. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
