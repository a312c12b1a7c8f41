package io.byokwatch.policy;

import io.byokwatch.domain.ResourceId;

import java.time.LocalDate;
import java.util.Set;

/**
 * A waiver for some rules on a cluster or on any resource in a chain; the id is a prefix, so a resource group covers
 * everything under it. Empty {@code rules} covers every rule. Valid through {@code expires} (a UTC date), inclusive.
 */
public record Exemption(ResourceId resourceId, Set<String> rules, String reason, LocalDate expires, String approvedBy) {
    public Exemption {
        rules = Set.copyOf(rules);
    }

    public boolean coversRule(String ruleId) {
        return rules.isEmpty() || rules.contains(ruleId);
    }

    public boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }
}
