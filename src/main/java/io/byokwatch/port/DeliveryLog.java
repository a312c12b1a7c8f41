package io.byokwatch.port;

import java.util.Optional;

/**
 * The notifier's small memory: per-alert delivery progress (which channels already took it) and per-cluster notice
 * state (flapping, order). Files in the state folder locally, a table in Azure.
 *
 * <p>Progress is written only by whoever holds the alert's outbox lease, so a plain overwrite is enough; two holders
 * at once (an expired lease) can both send, which at-least-once delivery allows. Cluster notices are shared by every
 * alert of the cluster, which a scaled-out host may deliver at the same time, so they are written with compare-and-set.
 */
public interface DeliveryLog {

    Optional<AlertProgress> progress(String alertId);

    void saveProgress(AlertProgress progress);

    /** Drops the progress of a finished alert; nothing happens when there is none. */
    void forgetProgress(String alertId);

    Optional<ClusterNotices> notices(String clusterKey);

    /**
     * Writes if the stored version still equals {@code notices.version()} (null: only if none is stored).
     *
     * @return false when another writer got there first: re-read and decide again
     */
    boolean saveNotices(ClusterNotices notices);
}
