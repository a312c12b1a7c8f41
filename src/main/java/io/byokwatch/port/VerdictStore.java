package io.byokwatch.port;

import io.byokwatch.domain.ResourceId;

import java.util.List;
import java.util.Optional;

/**
 * The last verdict per cluster, written with compare-and-set.
 *
 * <p>Several instances may run at once (scaled-out Functions, two {@code serve} processes on one state folder). Each
 * reads the stored verdict, decides whether the new evaluation is a change worth an alert, and writes the new verdict
 * with the version it read. Only one writer per version can win, and only the winner enqueues the alert; a loser gets
 * {@code false}, re-reads and decides again against what the winner wrote (usually: no change, no alert). This is what
 * keeps scaled-out instances from alerting twice on one change. Implementations therefore never overwrite blindly.
 *
 * <p>A stored record that cannot be read back (truncated file, damaged entity) is reported in the log with where it is
 * and why, and is then treated as absent: {@link #get} returns empty, {@link #all} skips it, and a {@link #put} with a
 * null version replaces it. The store never fails because of one bad record.
 *
 * <p>Clusters are matched by {@link ResourceId} equality, i.e. case-insensitively.
 */
public interface VerdictStore {

    /** The stored verdict with its current version, or empty if there is none. */
    Optional<StoredVerdict> get(ResourceId clusterId);

    /**
     * Writes {@code v} if the stored version still equals {@code v.version()}; a null version means "only if nothing is
     * stored for this cluster yet".
     *
     * @return the version now stored, so that the writer's own follow-up write (clearing its pending alert) needs no
     * re-read, and can never touch a verdict someone else wrote since; null when another writer got there first (or the
     * verdict was deleted meanwhile): re-read with {@link #get} and decide again
     */
    String write(StoredVerdict v);

    /** {@link #write} for callers that only need to know whether it won. */
    default boolean put(StoredVerdict v) {
        return write(v) != null;
    }

    /**
     * Deletes the verdict if its stored version still equals {@code version}.
     *
     * @return true when deleted; false when it was changed or already deleted by someone else
     */
    boolean delete(ResourceId clusterId, String version);

    /** Every stored verdict; implementations read in pages, so this is safe for large estates. */
    List<StoredVerdict> all();
}
