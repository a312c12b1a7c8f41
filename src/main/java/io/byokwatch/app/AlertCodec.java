package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Tags;

import java.util.List;

/**
 * How alerts and verdicts become text for the outbox and the verdict store; implemented by the JSON renderer so that
 * the use cases stay free of serialisation.
 */
public interface AlertCodec {

    /** The alert in the public alert JSON contract. */
    String encode(Alert alert);

    /**
     * The verdict as stored, with the cluster's tags (a deleted cluster's alert is routed by its last known tags), and
     * optionally an alert that was decided but not yet handed to the outbox.
     */
    String verdictDetail(ClusterVerdict verdict, Tags clusterTags, String pendingAlertBody);

    /** The cluster tags kept in a stored detail; none for details written before tags were kept. */
    Tags storedTags(String verdictDetail);

    /** The counted findings of the verdict in a stored detail; none for a deleted cluster. */
    List<Finding> storedFindings(String verdictDetail);

    /**
     * Reads an alert back from the alert JSON contract, as the notifier receives it from the outbox.
     *
     * @throws IllegalArgumentException when the text is not an alert of this contract, saying what is wrong
     */
    Alert decode(String alertBody);

    /** The pending alert body inside a stored detail, or null. */
    String pendingAlert(String verdictDetail);

    /** The stored detail with any pending alert removed. */
    String withoutPending(String verdictDetail);

    /**
     * The KMS keys remembered in a stored detail ({@link KmsKeyMemory}); none for a detail written before they were
     * kept, or by a codec that keeps none.
     */
    default KmsKeyMemory storedKmsKeys(String verdictDetail) {
        return KmsKeyMemory.NONE;
    }

    /** The stored detail remembering these KMS keys (an additive field; nothing for {@link KmsKeyMemory#NONE}). */
    default String withKmsKeys(String verdictDetail, KmsKeyMemory keys) {
        return verdictDetail;
    }

    /**
     * The stored detail carrying {@code sequence}, the highest alert sequence given out for the cluster (see
     * {@link AlertSequence}).
     */
    String withSequence(String verdictDetail, long sequence);

    /**
     * The highest alert sequence a stored detail carries (its pending alert's included); -1 when it carries none (a
     * verdict stored before sequences were kept).
     */
    long storedSequence(String verdictDetail);

    /** The idempotency key inside an encoded alert. */
    String alertId(String alertBody);
}
