package io.byokwatch.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One failed rule on one resource. The message is one sentence naming the resource and the reason; remediation holds
 * concrete commands with the real names filled in; evidence holds the facts the rule read.
 *
 * <p>{@code keyUse} lists the {@link KeyPurpose} ids of the key uses the finding is about ({@code os-disk},
 * {@code data-disk}...), in purpose order: one set behind both the node OS disks and persistent volumes is one finding
 * with both. It is empty for a finding about no key use (encryption at host). {@code volumes} are the persistent-volume
 * disks and snapshots the finding affects, empty when it affects none (an OS-disk-only finding).
 */
public record Finding(String ruleId, Severity severity, ResourceId resourceId, String title, String message,
                      String remediation, Map<String, Object> evidence, List<String> references,
                      List<String> keyUse, List<KeyConsumer> volumes) {
    public Finding {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        references = List.copyOf(references);
        keyUse = keyUse == null ? List.of() : List.copyOf(keyUse);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        if (!message.endsWith(".")) {
            throw new IllegalArgumentException("finding messages are sentences ending with a period: " + message);
        }
    }

    /** A finding about no key use in particular. */
    public Finding(String ruleId, Severity severity, ResourceId resourceId, String title, String message,
                   String remediation, Map<String, Object> evidence, List<String> references) {
        this(ruleId, severity, resourceId, title, message, remediation, evidence, references, List.of(), List.of());
    }

    /** Identity of a finding across evaluations: the same rule on the same resource. */
    public String key() {
        return ruleId + "|" + resourceId.key();
    }

    /**
     * This finding, also about the key uses and volumes of {@code other} (the same rule on the same resource reached
     * another way, or from another cluster); everything else is this one's.
     */
    public Finding mergedWith(Finding other) {
        if (other.keyUse.equals(keyUse) && other.volumes.isEmpty()) {
            return this;
        }
        return new Finding(ruleId, severity, resourceId, title, message, remediation, evidence, references,
                mergeUses(keyUse, other.keyUse), mergeVolumes(volumes, other.volumes));
    }

    /** The union of two lists of purpose ids, in purpose order. */
    public static List<String> mergeUses(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        if (all.size() == a.size()) {
            return a;
        }
        List<String> out = new ArrayList<>(all);
        out.sort(Comparator.comparingInt(KeyPurpose::rank));
        return out;
    }

    /** The union of two lists of volumes by id, first-seen order. */
    public static List<KeyConsumer> mergeVolumes(List<KeyConsumer> a, List<KeyConsumer> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<ResourceId, KeyConsumer> all = new LinkedHashMap<>();
        a.forEach(v -> all.put(v.id(), v));
        b.forEach(v -> all.putIfAbsent(v.id(), v));
        return all.size() == a.size() ? a : List.copyOf(all.values());
    }
}
