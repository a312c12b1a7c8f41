package io.byokwatch.port;

import io.byokwatch.domain.ResourceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The last verdict recorded for one cluster, as the state machine needs it to detect a change and to pace alerts.
 *
 * @param clusterId     the cluster, in the spelling first seen (stores compare ids case-insensitively)
 * @param findingKeys   {@link io.byokwatch.domain.Finding#key()} of every counted finding, kept sorted so that two
 *                      equal sets compare equal as lists
 * @param detailJson    the full verdict as JSON text; stores keep it verbatim and never parse it
 * @param since         when the status or the finding set last changed
 * @param evaluatedAt   when the cluster was last evaluated
 * @param lastAlertAt   when an alert was last sent for this cluster, or null if never
 * @param lastAlertKind what that alert said (e.g. "became-noncompliant"), or null if never
 * @param version       the store's opaque concurrency token; null for a verdict that has not been stored yet
 */
public record StoredVerdict(ResourceId clusterId, String clusterName, String subscriptionId, String status,
                            List<String> findingKeys, String detailJson, Instant since, Instant evaluatedAt,
                            Instant lastAlertAt, String lastAlertKind, String version) {
    public StoredVerdict {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detailJson, "detailJson");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        List<String> sorted = new ArrayList<>(Objects.requireNonNull(findingKeys, "findingKeys"));
        Collections.sort(sorted);
        findingKeys = List.copyOf(sorted);
    }

    /** The same verdict carrying another concurrency token: what a store hands back after reading. */
    public StoredVerdict withVersion(String newVersion) {
        return new StoredVerdict(clusterId, clusterName, subscriptionId, status, findingKeys, detailJson, since,
                evaluatedAt, lastAlertAt, lastAlertKind, newVersion);
    }
}
