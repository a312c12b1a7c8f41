package io.byokwatch.app.doctor;

import io.byokwatch.domain.ResourceId;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a deployment should look like, as the app's settings (or the command line) describe it.
 *
 * @param subscriptions       subscriptions watched by id (lower-cased)
 * @param managementGroup     a management group watched, or null
 * @param functionApp         byokwatch's Function App, or null when not known (the checks then say how to pass it)
 * @param workspaceCustomerId the Log Analytics workspace the access report reads, or null when none is set
 * @param assignee            byokwatch's identity as {@code az role assignment create --assignee} takes it (its client
 *                            id), or null when only the deployment output can name it
 * @param notifyConfig        the notify config: a path or the JSON itself; null when none is set
 * @param notifyBaseDir       where a relative notify config path, and relative file channels, resolve
 * @param settings            the settings a notify config's channels name (never printed)
 * @param identity            whose credentials the checks ran with, for the report
 */
public record DoctorConfig(List<String> subscriptions, String managementGroup, ResourceId functionApp,
                           String workspaceCustomerId, String assignee, String notifyConfig, Path notifyBaseDir,
                           Map<String, String> settings, String identity) {
    public DoctorConfig {
        subscriptions = List.copyOf(subscriptions);
        settings = Map.copyOf(settings);
    }
}
