package io.byokwatch.port;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Key Vault audit logs: a Log Analytics workspace or exported files. A source hands over hourly bins (a workspace
 * aggregates on the server) or single events (files); the caller merges both alike, so a source may also repeat a bin
 * split across pages.
 */
public interface AccessLogSource {

    /**
     * Feeds every Key Vault key and vault audit event with a time in {@code [from, to)} to the sink. What could not be
     * read (a partial result, a day that failed, a malformed line) is returned, not thrown, so that one bad page does not
     * hide the rest; a source that can read nothing at all throws {@link AccessLogException}.
     */
    AccessLogRead read(Instant from, Instant to, Consumer<AccessRecord> sink);

    /** A KQL query a person can paste into the workspace to see the raw audit rows behind the scope. */
    String rawRowsQuery(AccessScope scope);
}
