package io.byokwatch.port;

import io.byokwatch.domain.ResourceId;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * Azure Monitor platform metrics of Key Vault: what prices the KPI cost estimate when no audit logs are read. The
 * {@code ServiceApiHit} metric counts every API call per vault (no key dimension), split here by activity name.
 */
public interface VaultMetrics {

    /** Successful API hits per vault, month and activity name in {@code [from, to)}. */
    Result serviceApiHits(List<ResourceId> vaults, Instant from, Instant to);

    /** One vault's hits of one activity in one month. */
    record Hits(ResourceId vault, YearMonth month, String activity, long count) {
    }

    /** What was read, and each vault that could not be, one sentence each. */
    record Result(List<Hits> hits, List<String> problems) {
        public Result {
            hits = List.copyOf(hits);
            problems = List.copyOf(problems);
        }
    }
}
