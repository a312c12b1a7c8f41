package io.byokwatch.app;

import io.byokwatch.port.StoredVerdict;

import java.time.Instant;

/**
 * The alert {@code sequence}: strictly increasing per cluster, whatever the clock does. It is the detection time in
 * epoch milliseconds, or one more than the cluster's previous sequence when the clock says less (stepped back, or two
 * hosts disagree), so receivers that order a cluster's alerts by it never see a {@code resolved} before the
 * {@code opened} it closes. The highest sequence given out is kept in the stored verdict and carried through every
 * later write of it, silent ones and tombstones included.
 */
final class AlertSequence {
    private AlertSequence() {
    }

    /**
     * The highest sequence handed out for the cluster: the one its stored verdict keeps (0: none yet), and for verdicts
     * stored before it was kept, the times they carry (an alert's sequence was then its detection time, which is never
     * after the verdict's evaluation or the pending mark's clearing); 0 for a cluster never seen.
     */
    static long last(StoredVerdict prev, AlertCodec codec) {
        if (prev == null) {
            return 0;
        }
        long kept = codec.storedSequence(prev.detailJson());
        if (kept >= 0) {
            return kept;
        }
        long last = prev.evaluatedAt().toEpochMilli();
        return prev.lastAlertAt() == null ? last : Math.max(last, prev.lastAlertAt().toEpochMilli());
    }

    /** The sequence of a new alert for the cluster decided at {@code now}. */
    static long next(StoredVerdict prev, Instant now, AlertCodec codec) {
        return Math.max(now.toEpochMilli(), last(prev, codec) + 1);
    }
}
