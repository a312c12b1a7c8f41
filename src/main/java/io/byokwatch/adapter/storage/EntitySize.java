package io.byokwatch.adapter.storage;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The size Table Storage charges an entity against its 1 MiB limit, by the published formula: 4 bytes, plus the keys
 * in UTF-16, plus per property 8 bytes, its name in UTF-16 and its value (strings 4 bytes plus UTF-16).
 */
final class EntitySize {
    static final long MAX_BYTES = 1024 * 1024;

    private EntitySize() {
    }

    static long of(String partitionKey, String rowKey, Map<String, Object> properties) {
        return 4 + 2L * (partitionKey.length() + rowKey.length()) + properties(properties);
    }

    static long properties(Map<String, Object> properties) {
        long size = 0;
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            size += property(p.getKey(), p.getValue());
        }
        return size;
    }

    static long property(String name, Object value) {
        return 8 + 2L * name.length() + value(value);
    }

    private static long value(Object v) {
        if (v instanceof String s) {
            return 4 + 2L * s.length();
        }
        if (v instanceof Boolean) {
            return 1;
        }
        if (v instanceof Integer) {
            return 4;
        }
        if (v instanceof Long || v instanceof Double || v instanceof OffsetDateTime) {
            return 8;
        }
        throw new IllegalArgumentException("no size rule for " + v.getClass().getName());
    }
}
