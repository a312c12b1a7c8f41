package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterVerdict;

/**
 * How alerts and verdicts become text for the outbox and the verdict store; implemented by the JSON renderer so that
 * the use cases stay free of serialisation.
 */
public interface AlertCodec {

    /** The alert in the public alert JSON contract. */
    String encode(Alert alert);

    /** The verdict as stored, optionally carrying an alert that was decided but not yet handed to the outbox. */
    String verdictDetail(ClusterVerdict verdict, String pendingAlertBody);

    /** The pending alert body inside a stored detail, or null. */
    String pendingAlert(String verdictDetail);

    /** The stored detail with any pending alert removed. */
    String withoutPending(String verdictDetail);

    /** The idempotency key inside an encoded alert. */
    String alertId(String alertBody);
}
