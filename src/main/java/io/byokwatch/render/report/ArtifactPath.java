package io.byokwatch.render.report;

import io.byokwatch.domain.ResourceId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stable relative path for an Azure resource, used as the SARIF artifact location. GitHub code scanning only lists
 * results that have a physical location, and Azure resources have no file, so the path mirrors the resource id:
 * {@code azure/<subscription>/<resource-group>/<namespace>/<type>/<name>[/<child-type>/<child-name>]}, lower-cased
 * because ARM ids are case-insensitive and the same resource must always land on the same path.
 */
public final class ArtifactPath {
    private ArtifactPath() {
    }

    public static String of(ResourceId id) {
        String[] parts = id.toString().replaceAll("^/+", "").split("/+");
        List<String> kept = new ArrayList<>();
        int i = 0;
        if (i + 1 < parts.length && parts[i].equalsIgnoreCase("subscriptions")) {
            kept.add(parts[i + 1]);
            i += 2;
        }
        if (i + 1 < parts.length && parts[i].equalsIgnoreCase("resourceGroups")) {
            kept.add(parts[i + 1]);
            i += 2;
        }
        if (i < parts.length && parts[i].equalsIgnoreCase("providers")) {
            i++;
        }
        for (; i < parts.length; i++) {
            kept.add(parts[i]);
        }
        StringBuilder path = new StringBuilder("azure");
        for (String part : kept) {
            path.append('/').append(encode(part.toLowerCase(Locale.ROOT)));
        }
        return path.toString();
    }

    /** Percent-encodes everything outside RFC 3986 unreserved characters, so the path is always a valid URI reference. */
    private static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
