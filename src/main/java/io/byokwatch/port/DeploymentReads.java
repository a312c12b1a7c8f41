package io.byokwatch.port;

import io.byokwatch.domain.ResourceId;

import java.util.List;

/**
 * What {@code byokwatch doctor} reads about a deployment rather than about the estate: whether byokwatch's identity can
 * read a subscription, which subscriptions a management group holds, the Event Grid topics and subscriptions that feed
 * byokwatch, its functions, and the diagnostic settings and workspaces behind the Key Vault audit logs. Every answer
 * is found, absent (a 404 or a complete empty list), or unknown with what to grant or retry; never a guess.
 */
public interface DeploymentReads {

    /**
     * Whether byokwatch's identity can read resources in a subscription; {@code NO_CREDENTIALS} when no token could be
     * had at all (no managed identity, no login), which says nothing about the subscription.
     */
    record Access(Outcome outcome, String detail) {
        public enum Outcome { READABLE, DENIED, UNKNOWN, NO_CREDENTIALS }
    }

    /** An Event Grid system topic: its source (a subscription or resource id) and type, as Event Grid spells them. */
    record Topic(ResourceId id, String source, String topicType, String provisioningState) {
    }

    /** One advanced filter of an event subscription; {@code values} empty for operators that take none. */
    record Filter(String operatorType, String key, List<String> values) {
    }

    /**
     * An event subscription on a topic. {@code includedEventTypes} null means every event type; {@code filters} are its
     * advanced filters; {@code destinationResourceId} the function (or other resource) it delivers to, null for
     * webhooks, whose URL is not returned; {@code expiration} ISO-8601 or null.
     */
    record Subscription(ResourceId id, String name, String provisioningState, String endpointType,
                        String destinationResourceId, List<String> includedEventTypes, List<Filter> filters,
                        String expiration) {
    }

    /** One entry of a diagnostic setting's logs: a category or a category group. */
    record LogSetting(String category, String categoryGroup, boolean enabled) {
    }

    /** A diagnostic setting; {@code workspaceId} null when it sends to no Log Analytics workspace. */
    record DiagnosticSetting(ResourceId id, String name, String workspaceId, List<LogSetting> logs) {
    }

    /** A function of a Function App as ARM reports it. */
    record FunctionState(ResourceId id, boolean disabled) {
    }

    Access subscriptionAccess(String subscriptionId);

    /** The subscription ids under a management group (lower-cased); unknown when it cannot be listed. */
    Lookup<List<String>> managementGroupSubscriptions(String managementGroupId);

    /** Every system topic in a subscription, of any type and source. */
    Lookup<List<Topic>> systemTopics(String subscriptionId);

    Lookup<List<Subscription>> eventSubscriptions(ResourceId topic);

    Lookup<FunctionState> function(ResourceId functionApp, String functionName);

    Lookup<List<DiagnosticSetting>> diagnosticSettings(ResourceId resource);

    /** The customer id (GUID) of a Log Analytics workspace, which is how queries address it. */
    Lookup<String> workspaceCustomerId(ResourceId workspace);
}
