package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ResourceId;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each value that repeats across the records of one load: the disk encryption set and machine ids of
 * persistent-volume disks, their tag names and common tag values. An estate of 100,000 PV disks names a few thousand
 * sets and nodes; parsing and keeping each id once saves most of the time and memory those disks cost. Not
 * thread-safe; one per load. {@link #NONE} keeps nothing, for single reads.
 */
final class Interner {
    /** Beyond this many distinct values a load stops remembering new ones (it still answers them). */
    private static final int MAX_ENTRIES = 200_000;
    static final Interner NONE = new Interner(0);

    private final int capacity;
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, ResourceId> ids = new HashMap<>();

    private Interner(int capacity) {
        this.capacity = capacity;
    }

    static Interner forLoad() {
        return new Interner(MAX_ENTRIES);
    }

    String text(String value) {
        if (value == null || capacity == 0) {
            return value;
        }
        String known = texts.get(value);
        if (known != null) {
            return known;
        }
        if (texts.size() < capacity) {
            texts.put(value, value);
        }
        return value;
    }

    /** The id for this text, parsed once per load; null when the text is no ARM id (the caller reports that). */
    ResourceId id(String text) {
        if (text == null) {
            return null;
        }
        ResourceId known = capacity == 0 ? null : ids.get(text);
        if (known != null) {
            return known;
        }
        ResourceId parsed = ResourceId.orNull(text);
        if (parsed != null && ids.size() < capacity) {
            ids.put(text, parsed);
        }
        return parsed;
    }
}
