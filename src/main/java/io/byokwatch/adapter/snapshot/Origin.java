package io.byokwatch.adapter.snapshot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where a record was read and, when the payload says, when the resource last changed: {@code systemData.lastModifiedAt}
 * for ARM resources, {@code attributes.updated} for keys. What lets two differing full records of one resource be
 * told apart by age instead of by file name.
 *
 * @param order the record's place in load order (files sorted by path), the tie-breaker when neither says its age
 */
public record Origin(Path file, Instant modifiedAt, int order) {

    /** The time a resource's JSON says it last changed, or null. Never throws: a bad time is no time. */
    static Instant modifiedAtOf(JsonView root) {
        try {
            JsonView systemData = root.object("systemData");
            if (systemData != null && systemData.has("lastModifiedAt")) {
                return systemData.instant("lastModifiedAt");
            }
            JsonView attributes = root.body().object("attributes");
            if (attributes == null) {
                attributes = root.object("attributes");
            }
            return attributes == null ? null : attributes.instant("updated", "updatedOn");
        } catch (SnapshotFormatException unreadable) {
            return null;
        }
    }

    /**
     * Oldest first, a total order: by the time a record says it last changed (a record that does not say counts as
     * older than one that does), then by load order.
     */
    static final Comparator<Origin> AGE = Comparator.comparing(Origin::modifiedAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingInt(Origin::order);

    boolean newerThan(Origin other) {
        return AGE.compare(this, other) > 0;
    }

    /** Why this record was preferred over the other, for a note. */
    String whyPreferredOver(Origin other) {
        if (modifiedAt != null && other.modifiedAt != null && !modifiedAt.equals(other.modifiedAt)) {
            return "it says it changed later (" + modifiedAt + " against " + other.modifiedAt + ")";
        }
        if (modifiedAt != null && other.modifiedAt == null) {
            return "only it says when it last changed (" + modifiedAt + ")";
        }
        return "neither says when it last changed, so the later file was used";
    }
}
