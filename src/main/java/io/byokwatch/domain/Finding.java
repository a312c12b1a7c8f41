package io.byokwatch.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One failed rule on one resource. The message is one sentence naming the resource and the reason; remediation holds
 * concrete commands with the real names filled in; evidence holds the facts the rule read.
 */
public record Finding(String ruleId, Severity severity, ResourceId resourceId, String title, String message,
                      String remediation, Map<String, Object> evidence, List<String> references) {
    public Finding {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        references = List.copyOf(references);
        if (!message.endsWith(".")) {
            throw new IllegalArgumentException("finding messages are sentences ending with a period: " + message);
        }
    }

    /** Identity of a finding across evaluations: the same rule on the same resource. */
    public String key() {
        return ruleId + "|" + resourceId.key();
    }
}
