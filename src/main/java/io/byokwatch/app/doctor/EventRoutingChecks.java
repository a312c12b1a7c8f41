package io.byokwatch.app.doctor;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.EventTypes;
import io.byokwatch.impact.RoutedOperations;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.DeploymentReads.Filter;
import io.byokwatch.port.DeploymentReads.Subscription;
import io.byokwatch.port.DeploymentReads.Topic;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Do the changes byokwatch must hear about reach it? For each subscription, its ARM event topic must carry an event
 * subscription to the ResourceChanged function that lets through every operation the router acts on; for each vault
 * holding keys, its Key Vault topic must carry one to KeyVaultChanged with the four key events. An event
 * subscription that is still provisioning, failed or expired delivers nothing, so it does not pass.
 */
final class EventRoutingChecks {
    static final String ID = "event-subscription";
    static final String SUBSCRIPTION_TOPIC = "Microsoft.Resources.Subscriptions";
    static final String VAULT_TOPIC = "Microsoft.KeyVault.vaults";
    static final String RESOURCE_CHANGED = "ResourceChanged";
    static final String KEY_VAULT_CHANGED = "KeyVaultChanged";
    static final Set<String> RESOURCE_EVENTS = Set.of(EventTypes.RESOURCE_WRITE_SUCCESS, EventTypes.RESOURCE_DELETE_SUCCESS);
    static final Set<String> VAULT_EVENTS = Set.of(EventTypes.KEY_NEW_VERSION_CREATED, EventTypes.KEY_NEAR_EXPIRY,
            EventTypes.KEY_EXPIRED, EventTypes.VAULT_ACCESS_POLICY_CHANGED);
    private static final String OPERATION_KEY = "data.operationName";

    private final DeploymentReads reads;
    private final ResourceId functionApp;
    private final Grants grants;
    private final Instant now;
    private final Map<String, Lookup<List<Topic>>> topics = new HashMap<>();

    EventRoutingChecks(DeploymentReads reads, ResourceId functionApp, Grants grants, Instant now) {
        this.reads = reads;
        this.functionApp = functionApp;
        this.grants = grants;
        this.now = now;
    }

    /** The subscription's ARM events reach ResourceChanged with every routed operation. */
    DoctorCheck subscription(String subscriptionId, String remedy) {
        String source = "/subscriptions/" + subscriptionId;
        return check(subscriptionId, subscriptionId, source, SUBSCRIPTION_TOPIC, RESOURCE_CHANGED, RESOURCE_EVENTS, true,
                "subscription " + subscriptionId, remedy);
    }

    /** The vault's key events reach KeyVaultChanged. */
    DoctorCheck vault(ResourceId vault, String remedy) {
        return check(vault.toString(), vault.subscriptionId(), vault.toString(), VAULT_TOPIC, KEY_VAULT_CHANGED, VAULT_EVENTS,
                false, "vault " + vault.name(), remedy);
    }

    private DoctorCheck check(String subject, String subscriptionId, String source, String topicType, String function,
                              Set<String> events, boolean operationFilter, String what, String remedy) {
        Lookup<List<Topic>> listed = topics.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT), reads::systemTopics);
        if (!(listed instanceof Lookup.Found<List<Topic>> found)) {
            return DoctorCheck.unknown(ID, subject, "Could not list the Event Grid system topics of subscription "
                    + subscriptionId + ": " + reason(listed) + ".", grants.role("Reader", "/subscriptions/" + subscriptionId));
        }
        List<Topic> matching = found.value().stream().filter(t -> topicType.equalsIgnoreCase(t.topicType())
                && source.equalsIgnoreCase(trimSlash(t.source()))).toList();
        if (matching.isEmpty()) {
            return DoctorCheck.fail(ID, subject, "No " + topicType + " system topic has " + what + " as its source, so none"
                    + " of its changes reach byokwatch.", remedy);
        }
        List<String> seen = new ArrayList<>();
        DoctorCheck unknown = null;
        for (Topic topic : matching) {
            Lookup<List<Subscription>> subs = reads.eventSubscriptions(topic.id());
            if (!(subs instanceof Lookup.Found<List<Subscription>> s)) {
                unknown = DoctorCheck.unknown(ID, subject, "Could not list the event subscriptions of topic " + topic.id()
                        + ": " + reason(subs) + ".", grants.role("Reader", "/subscriptions/" + subscriptionId));
                continue;
            }
            for (Subscription sub : s.value()) {
                if (!deliversTo(sub, function)) {
                    seen.add(sub.name() + " (" + (sub.endpointType() == null ? "no destination" : sub.endpointType()) + ")");
                    continue;
                }
                return judge(subject, topic, sub, function, events, operationFilter, what, remedy);
            }
        }
        if (unknown != null) {
            return unknown;
        }
        return DoctorCheck.fail(ID, subject, "Topic " + matching.get(0).id().name() + " of " + what + " has no event"
                + " subscription delivering to " + target(function) + (seen.isEmpty() ? "" : "; it has "
                + String.join(", ", seen)) + ".", remedy);
    }

    private DoctorCheck judge(String subject, Topic topic, Subscription sub, String function, Set<String> events,
                              boolean operationFilter, String what, String remedy) {
        String name = "Event subscription " + sub.name() + " on topic " + topic.id().name();
        if (!"Succeeded".equalsIgnoreCase(sub.provisioningState())) {
            return DoctorCheck.fail(ID, subject, name + " is " + (sub.provisioningState() == null ? "in no known state"
                    : "in state " + sub.provisioningState()) + ", so it delivers nothing.", remedy);
        }
        Instant expires = instant(sub.expiration());
        if (expires != null && !expires.isAfter(now)) {
            return DoctorCheck.fail(ID, subject, name + " expired at " + expires + ".", remedy);
        }
        if (functionApp != null && !functionApp.toString().equalsIgnoreCase(appOf(sub.destinationResourceId()))) {
            return DoctorCheck.fail(ID, subject, name + " delivers to " + sub.destinationResourceId() + ", not to this"
                    + " deployment's " + target(function) + ".", remedy);
        }
        if (sub.includedEventTypes() != null) {
            Set<String> missing = missing(events, sub.includedEventTypes());
            if (!missing.isEmpty()) {
                return DoctorCheck.fail(ID, subject, name + " leaves out event types " + String.join(", ", missing)
                        + ", so those changes never reach byokwatch.", remedy);
            }
        }
        List<String> notes = new ArrayList<>();
        if (operationFilter) {
            Filter f = sub.filters().stream().filter(x -> OPERATION_KEY.equalsIgnoreCase(x.key())).findFirst().orElse(null);
            if (f == null) {
                notes.add("it has no data.operationName filter, so every write in " + what + " is delivered and most are"
                        + " ignored (it costs deliveries, it loses nothing)");
            } else if (!"StringIn".equalsIgnoreCase(f.operatorType())) {
                return DoctorCheck.fail(ID, subject, name + " filters data.operationName with " + f.operatorType()
                        + "; byokwatch's templates use StringIn with exactly the routed operations.", remedy);
            } else {
                Set<String> missing = missing(Set.copyOf(RoutedOperations.ALL), f.values());
                if (!missing.isEmpty()) {
                    return DoctorCheck.fail(ID, subject, name + " drops " + missing.size() + " operation(s) byokwatch"
                            + " acts on: " + String.join(", ", missing) + "; such changes are caught only by the hourly"
                            + " Reconcile.", remedy);
                }
                Set<String> extra = missing(lower(f.values()), RoutedOperations.ALL);
                if (!extra.isEmpty()) {
                    notes.add("it also lets through " + String.join(", ", extra) + ", which byokwatch ignores");
                }
            }
        }
        return DoctorCheck.pass(ID, subject, name + " delivers " + (sub.includedEventTypes() == null ? "every event type"
                : String.join(", ", new TreeSet<>(sub.includedEventTypes()))) + " to " + target(function)
                + (operationFilter && notes.isEmpty() ? " for exactly the " + RoutedOperations.ALL.size()
                + " operations byokwatch routes" : "") + (notes.isEmpty() ? "." : "; " + String.join("; ", notes) + "."));
    }

    private String target(String function) {
        return functionApp == null ? "a function named " + function : functionApp + "/functions/" + function;
    }

    private static boolean deliversTo(Subscription sub, String function) {
        String dest = sub.destinationResourceId();
        return "AzureFunction".equalsIgnoreCase(sub.endpointType()) && dest != null
                && trimSlash(dest).toLowerCase(Locale.ROOT).endsWith("/functions/" + function.toLowerCase(Locale.ROOT));
    }

    /** The Function App of a function id: the part before {@code /functions/}. */
    private static String appOf(String functionId) {
        String f = trimSlash(functionId);
        int at = f.toLowerCase(Locale.ROOT).lastIndexOf("/functions/");
        return at < 0 ? f : f.substring(0, at);
    }

    /** Which of {@code expected} (compared case-insensitively, as Event Grid does) are not in {@code actual}. */
    private static Set<String> missing(Set<String> expected, List<String> actual) {
        Set<String> have = lower(actual);
        Set<String> out = new TreeSet<>();
        for (String e : expected) {
            if (!have.contains(e.toLowerCase(Locale.ROOT))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.trim().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String trimSlash(String s) {
        if (s == null) {
            return "";
        }
        String t = s.trim();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    static String reason(Lookup<?> l) {
        if (l instanceof Lookup.Absent<?> a) {
            return a.evidence();
        }
        return l instanceof Lookup.Unknown<?> u ? u.reason() : "found";
    }
}
