package io.byokwatch.adapter.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Long text spread over numbered string properties ({@code detail0}, {@code detail1}, ...) plus a count
 * ({@code detailChunks}), because one Table Storage string property holds at most 64 KiB of UTF-16.
 */
final class ChunkedText {
    /** Chars per chunk: 64 KiB of UTF-16 is 32,768 chars; the rest is margin. */
    static final int CHUNK_CHARS = 32_000;

    private ChunkedText() {
    }

    static List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + CHUNK_CHARS, text.length());
            // never separate the halves of a surrogate pair: each half alone is not valid text and would be mangled
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }

    static void put(Map<String, Object> properties, String prefix, List<String> chunks) {
        properties.put(prefix + "Chunks", chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            properties.put(prefix + i, chunks.get(i));
        }
    }

    static String join(Map<String, Object> properties, String prefix) {
        Object count = properties.get(prefix + "Chunks");
        if (!(count instanceof Integer n) || n < 0) {
            throw new BadRecordException(prefix + "Chunks is missing or not a count");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Object chunk = properties.get(prefix + i);
            if (!(chunk instanceof String s)) {
                throw new BadRecordException(prefix + " chunk " + i + " of " + n + " is missing");
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
