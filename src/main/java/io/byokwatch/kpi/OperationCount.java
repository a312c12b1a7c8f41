package io.byokwatch.kpi;

import java.time.YearMonth;
import java.util.Objects;

/**
 * Successful Key Vault operations of one kind on one key (or one vault, when the source cannot tell keys apart) in one
 * month. Names are lower-case vault and key names, as audit logs give them.
 *
 * @param key null for vault-wide counts (the ServiceApiHit metric has no key dimension)
 */
public record OperationCount(String vault, String key, YearMonth month, String operation, long count) {
    public OperationCount {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(operation, "operation");
    }
}
