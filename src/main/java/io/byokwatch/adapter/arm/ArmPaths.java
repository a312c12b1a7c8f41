package io.byokwatch.adapter.arm;

import io.byokwatch.domain.ResourceId;

import java.nio.charset.StandardCharsets;

/** Request paths below the ARM endpoint, percent-encoded segment by segment (group names allow much of Unicode). */
final class ArmPaths {
    static final String GRAPH = "/providers/Microsoft.ResourceGraph/resources?api-version=" + ApiVersions.RESOURCE_GRAPH;

    private ArmPaths() {
    }

    static String resource(ResourceId id, String apiVersion) {
        return encode(id) + "?api-version=" + apiVersion;
    }

    /** Role assignments at the scope and every scope above it, which is what can grant access there. */
    static String roleAssignmentsAt(ResourceId scope) {
        return encode(scope) + "/providers/Microsoft.Authorization/roleAssignments?api-version="
                + ApiVersions.ROLE_ASSIGNMENTS + "&$filter=atScope()";
    }

    static String encode(ResourceId id) {
        StringBuilder sb = new StringBuilder();
        for (String segment : id.toString().split("/")) {
            if (!segment.isEmpty()) {
                sb.append('/').append(segment(segment));
            }
        }
        return sb.toString();
    }

    private static String segment(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~()!$&'*+,;=:@".indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
