package io.byokwatch.impact;

import io.byokwatch.domain.ResourceId;

/** Reads parts of an ARM id that {@link ResourceId} does not expose, keeping the original spelling for messages. */
final class ArmPath {
    private static final String ROLE_ASSIGNMENTS = "/providers/microsoft.authorization/roleassignments/";

    private ArmPath() {
    }

    static String[] segments(ResourceId id) {
        String s = id.toString();
        return (s.startsWith("/") ? s.substring(1) : s).split("/");
    }

    /** Index of the last {@code providers} segment, or -1. */
    static int lastProviders(String[] segments) {
        for (int i = segments.length - 1; i >= 0; i--) {
            if (segments[i].equalsIgnoreCase("providers")) {
                return i;
            }
        }
        return -1;
    }

    /** True when every type segment after the last {@code providers/<namespace>} is followed by a name. */
    static boolean complete(ResourceId id) {
        String[] seg = segments(id);
        int p = lastProviders(seg);
        int rest = seg.length - (p + 2);
        return p < 0 || (rest >= 2 && rest % 2 == 0);
    }

    /** The resource type as written in the id, e.g. {@code Microsoft.Storage/storageAccounts}. */
    static String displayType(ResourceId id) {
        String[] seg = segments(id);
        int p = lastProviders(seg);
        if (p < 0 || p + 1 >= seg.length) {
            return id.type().isEmpty() ? "scope " + id : id.type();
        }
        StringBuilder sb = new StringBuilder(seg[p + 1]);
        for (int i = p + 2; i < seg.length; i += 2) {
            sb.append('/').append(seg[i]);
        }
        return sb.toString();
    }

    /**
     * The scope a role assignment id is under: the text before its last
     * {@code /providers/Microsoft.Authorization/roleAssignments/}. Null when the assignment sits at the tenant root or
     * the scope is not an ARM id.
     */
    static ResourceId roleAssignmentScope(ResourceId assignment) {
        String key = assignment.key();
        int at = key.lastIndexOf(ROLE_ASSIGNMENTS);
        if (at <= 0) {
            return null;
        }
        return ResourceId.orNull(assignment.toString().substring(0, at));
    }
}
