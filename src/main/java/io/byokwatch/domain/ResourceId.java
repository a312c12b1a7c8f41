package io.byokwatch.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * An Azure Resource Manager id compared case-insensitively, as ARM itself does. The original spelling is kept for
 * display; equality, hashing and prefix checks use a lower-cased, slash-trimmed form.
 */
public final class ResourceId implements Comparable<ResourceId> {
    /**
     * Longer text is no ARM id: names are a few hundred characters at most and ids have a handful of segments. The cap
     * keeps a hostile event from carrying a megabyte "id" into every log line and route description.
     */
    static final int MAX_LENGTH = 4096;
    private final String original;
    private final String key;
    /**
     * Where each path segment starts in {@link #original}, then the length plus one: 100,000 disk ids kept their
     * segments as eight strings each, which was most of a large inventory's memory. Segments are cut when asked for.
     */
    private final int[] starts;
    /** The last segment, kept: records share it as their name (and the CSI driver's PV name tag). */
    private final String name;

    private ResourceId(String original) {
        String trimmed = original.trim();
        while (trimmed.endsWith("/") && trimmed.length() > 1) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.original = trimmed;
        this.key = trimmed.toLowerCase(Locale.ROOT);
        this.starts = starts(trimmed);
        this.name = segment(starts.length - 2);
    }

    /** Parses an ARM id; throws with a usable message when the text is not one. */
    public static ResourceId parse(String text) {
        ResourceId id = orNull(text);
        if (id == null) {
            throw new IllegalArgumentException("'" + text + "' is not an Azure resource id; expected a path like"
                    + " /subscriptions/<guid>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>");
        }
        return id;
    }

    /**
     * Returns the id, or null for null, blank or non-ARM text (mappers treat missing, null and "" alike). ARM ids hold
     * no spaces or control characters; one with them would not even survive {@link #topLevel()}, which trims.
     */
    public static ResourceId orNull(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        // judge the form the id is kept in (without trailing slashes), so that every id accepted reads back
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || !t.startsWith("/") || t.length() < 3 || t.length() > MAX_LENGTH || t.contains("//")
                || hasSpaceOrControl(t)) {
            return null;
        }
        return new ResourceId(t);
    }

    /** A plain loop: inventories parse hundreds of thousands of ids, and a stream per id showed in profiles. */
    private static boolean hasSpaceOrControl(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** The subscription GUID, or null for ids above subscription level (management groups, tenants). */
    public String subscriptionId() {
        return valueAfter("subscriptions");
    }

    public String resourceGroup() {
        return valueAfter("resourceGroups");
    }

    /** The last name segment: the resource's own name. */
    public String name() {
        return name;
    }

    /**
     * The full resource type in lower case, e.g. {@code microsoft.containerservice/managedclusters/agentpools};
     * empty for scopes without a provider (subscriptions, resource groups).
     */
    public String type() {
        int p = lastIndexOf("providers");
        if (p < 0 || p + 1 >= count()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(segment(p + 1).toLowerCase(Locale.ROOT));
        for (int i = p + 2; i < count(); i += 2) {
            sb.append('/').append(segment(i).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** True when the type (case-insensitive) equals the given full type. */
    public boolean isType(String fullType) {
        return type().equalsIgnoreCase(fullType);
    }

    /**
     * The top-level resource this id belongs to: for {@code .../vaults/v/keys/k} it is {@code .../vaults/v}; for a
     * top-level resource it is the id itself.
     */
    public ResourceId topLevel() {
        int p = lastIndexOf("providers");
        if (p < 0 || p + 3 >= count()) {
            return this;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= p + 3; i++) {
            sb.append('/').append(segment(i));
        }
        return new ResourceId(sb.toString());
    }

    /** True when this id equals the other or lies under it (the other is a path prefix of this one). */
    public boolean isUnder(ResourceId scope) {
        return key.equals(scope.key) || key.startsWith(scope.key.equals("/") ? "/" : scope.key + "/");
    }

    /** Appends a child type and name, e.g. {@code child("agentPools", "np1")}. */
    public ResourceId child(String type, String name) {
        return new ResourceId(original + "/" + type + "/" + name);
    }

    private String valueAfter(String label) {
        for (int i = 0; i + 1 < count(); i++) {
            if (segmentIs(i, label)) {
                return segment(i + 1);
            }
        }
        return null;
    }

    private int lastIndexOf(String label) {
        for (int i = count() - 1; i >= 0; i--) {
            if (segmentIs(i, label)) {
                return i;
            }
        }
        return -1;
    }

    /** As {@code split("/")} after one leading slash: empty segments inside kept, none at the end (none is left). */
    private static int[] starts(String text) {
        int begin = text.startsWith("/") ? 1 : 0;
        int n = 1;
        for (int i = begin; i < text.length(); i++) {
            if (text.charAt(i) == '/') {
                n++;
            }
        }
        int[] starts = new int[n + 1];
        starts[0] = begin;
        int k = 1;
        for (int i = begin; i < text.length(); i++) {
            if (text.charAt(i) == '/') {
                starts[k++] = i + 1;
            }
        }
        starts[n] = text.length() + 1;
        return starts;
    }

    private int count() {
        return starts.length - 1;
    }

    private String segment(int i) {
        return original.substring(starts[i], starts[i + 1] - 1);
    }

    private boolean segmentIs(int i, String label) {
        int from = starts[i];
        int length = starts[i + 1] - 1 - from;
        return length == label.length() && original.regionMatches(true, from, label, 0, length);
    }

    /** The lower-cased comparison form. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceId other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(ResourceId o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return original;
    }

    static String requireText(String value, String what) {
        return Objects.requireNonNull(value, what);
    }
}
