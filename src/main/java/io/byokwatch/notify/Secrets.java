package io.byokwatch.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks every configured secret in text bound for a log, an error or a dead letter. Webhook URLs count as secrets:
 * whoever has a Slack or Teams webhook URL can post to the channel, and a Teams URL carries its signature in the query.
 *
 * <p>Messages are written to name channels, not addresses; this is the second line, for text that came from elsewhere
 * (an exception message, a receiver's error body echoing the request). Besides each whole value it masks the parts of
 * a URL that carry the secret on their own (path with query, query, last path segment), and URL-encoded spellings.
 */
public final class Secrets {
    public static final String MASK = "***";
    public static final Secrets NONE = new Secrets(List.of());
    /** Shorter fragments would mask ordinary words; the secrets themselves are far longer (signing keys: 32+). */
    private static final int MIN_FRAGMENT = 8;

    private final List<String> fragments;

    private Secrets(List<String> fragments) {
        this.fragments = fragments;
    }

    public static Secrets of(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            String t = v.trim();
            add(all, t);
            add(all, v);
            urlParts(t).forEach(p -> add(all, p));
        }
        List<String> sorted = new ArrayList<>(all);
        // longest first, so a whole URL is masked before its parts could leave pieces of it behind
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(sorted));
    }

    private static void add(Set<String> all, String s) {
        if (s.length() >= MIN_FRAGMENT) {
            all.add(s);
            String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
            if (!encoded.equals(s)) {
                all.add(encoded);
            }
        }
    }

    private static List<String> urlParts(String value) {
        List<String> parts = new ArrayList<>();
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return parts;
        }
        if (uri.getScheme() == null || uri.getRawPath() == null) {
            return parts;
        }
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        parts.add(query == null ? path : path + "?" + query);
        if (query != null) {
            parts.add(query);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                // short values are api versions and flags; the signature is long
                if (eq > 0 && pair.length() - eq - 1 >= 2 * MIN_FRAGMENT) {
                    parts.add(pair.substring(eq + 1));
                }
            }
        }
        int slash = path.lastIndexOf('/');
        if (slash >= 0) {
            parts.add(path.substring(slash + 1));
        }
        return parts;
    }

    /** The text with every secret replaced by {@value #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || fragments.isEmpty()) {
            return text;
        }
        String out = text;
        for (String f : fragments) {
            if (out.contains(f)) {
                out = out.replace(f, MASK);
            }
        }
        return out;
    }

    /** Every string this masker hides, for tests that search output for leaks. */
    public List<String> fragments() {
        return fragments;
    }
}
