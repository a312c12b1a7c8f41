package io.byokwatch.policy;

import io.byokwatch.domain.ResourceId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What in a valid policy weakens the verdicts enough that every report must say so: rules switched off, and
 * exemptions too broad (a whole subscription or more) or too long (more than a year away, effectively permanent).
 * Such a policy is allowed, because each can be a deliberate decision, but a green report under it must not look like
 * a green report under the full rule set.
 */
public final class PolicyWarnings {
    /** An exemption expiring later than this from today is treated as permanent: exemptions are meant to be reviewed. */
    public static final int LONGEST_EXEMPTION_DAYS = 366;

    private PolicyWarnings() {
    }

    public static List<String> of(Policy policy, LocalDate today) {
        List<String> warnings = new ArrayList<>();
        for (String rule : new TreeSet<>(policy.disabledRules())) {
            warnings.add("rule " + rule + " is disabled by the policy: no cluster is checked for it, and a verdict of"
                    + " compliant does not cover it");
        }
        for (Exemption e : policy.exemptions()) {
            String what = "exemption for " + e.resourceId() + " (" + (e.rules().isEmpty() ? "every rule"
                    : "rules " + String.join(", ", new TreeSet<>(e.rules()))) + ")";
            if (broad(e.resourceId())) {
                warnings.add(what + " covers " + scope(e.resourceId()) + ": every cluster and key under it is waived;"
                        + " name a resource group or a resource instead");
            }
            if (e.expires() == null) {
                warnings.add(what + " never expires; give it an expiry within a year so that it is reviewed");
            } else if (e.expires().isAfter(today.plusDays(LONGEST_EXEMPTION_DAYS))) {
                warnings.add(what + " expires " + e.expires() + ", more than a year away: effectively permanent; give it"
                        + " an expiry within a year so that it is reviewed");
            }
        }
        return warnings;
    }

    /** A scope rather than a resource, at subscription level or above: a subscription, all of them, a management group. */
    private static boolean broad(ResourceId id) {
        return (id.resourceGroup() == null && id.type().isEmpty()) || id.isType("microsoft.management/managementgroups");
    }

    private static String scope(ResourceId id) {
        return id.subscriptionId() != null ? "a whole subscription" : "every subscription under " + id;
    }
}
