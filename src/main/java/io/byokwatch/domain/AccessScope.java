package io.byokwatch.domain;

import java.time.Instant;

/**
 * The audit rows behind one anomaly: a vault, optionally one key, operation, caller and source address and HTTP
 * status, in a time range. Null parts (and status 0) match anything; a log source turns a scope into a query a person can run.
 */
public record AccessScope(String vault, String key, String operation, Caller caller, String sourceIp, int status,
                          Instant from, Instant to) {
    public AccessScope {
        caller = caller == null ? Caller.ANONYMOUS : caller;
    }
}
