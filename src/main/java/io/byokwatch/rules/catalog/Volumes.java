package io.byokwatch.rules.catalog;

import io.byokwatch.domain.KeyConsumer;

import java.util.List;

/** How messages name the persistent volumes a finding is about: by namespace/PVC, a few by name, the rest counted. */
final class Volumes {
    static final int NAMED = 3;

    private Volumes() {
    }

    /**
     * The start of a sentence about the volumes: {@code Disk pvc-1 (ehr/db-0)}, {@code Persistent volumes ehr/a and
     * ehr/b}, {@code 12 persistent volumes (ehr/a, ehr/b, ehr/c and 9 more)}.
     */
    static String sentenceStart(List<KeyConsumer> volumes) {
        if (volumes.size() == 1) {
            String d = volumes.get(0).describe();
            return Character.toUpperCase(d.charAt(0)) + d.substring(1);
        }
        if (volumes.size() <= NAMED) {
            return "Persistent volumes " + names(volumes);
        }
        return volumes.size() + " persistent volumes (" + names(volumes) + ")";
    }

    /** Up to {@value #NAMED} short names joined, then how many more. */
    static String names(List<KeyConsumer> volumes) {
        List<String> shown = volumes.stream().limit(NAMED).map(KeyConsumer::shortName).toList();
        if (volumes.size() <= NAMED) {
            return shown.size() == 1 ? shown.get(0)
                    : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
        }
        return String.join(", ", shown) + " and " + (volumes.size() - NAMED) + " more";
    }
}
