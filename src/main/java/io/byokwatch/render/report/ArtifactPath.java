package io.byokwatch.render.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The SARIF artifact URI of an inventory file: relative to the directory the scan ran in (what GitHub resolves against
 * the repository root) when the file lies under it, else an absolute {@code file:} URI. Segments are percent-encoded,
 * so any file name makes a valid URI reference.
 */
public final class ArtifactPath {
    private ArtifactPath() {
    }

    /** @return the URI and whether it is relative to {@code base} */
    public static SarifLocations.FileLine of(Path file, Path base, int line) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = base.toAbsolutePath().normalize();
        if (absolute.startsWith(root) && !absolute.equals(root)) {
            return new SarifLocations.FileLine(encode(root.relativize(absolute)), true, line);
        }
        return new SarifLocations.FileLine("file://" + (absolute.toString().startsWith("/") ? "" : "/") + encode(absolute), false, line);
    }

    /**
     * A path standing for an ARM resource, {@code azure/<subscription>/<resource-group>/<namespace>/<type>/<name>},
     * lower-cased. The scan's SARIF no longer uses it (its results point at real inventory files, or carry only the
     * resource id); the plan renderer still places a change without a source line on it.
     */
    public static String of(io.byokwatch.domain.ResourceId id) {
        String[] parts = id.toString().replaceAll("^/+", "").split("/+");
        StringBuilder path = new StringBuilder("azure");
        int i = 0;
        if (i + 1 < parts.length && parts[i].equalsIgnoreCase("subscriptions")) {
            path.append('/').append(segment(parts[i + 1].toLowerCase(java.util.Locale.ROOT)));
            i += 2;
        }
        if (i + 1 < parts.length && parts[i].equalsIgnoreCase("resourceGroups")) {
            path.append('/').append(segment(parts[i + 1].toLowerCase(java.util.Locale.ROOT)));
            i += 2;
        }
        if (i < parts.length && parts[i].equalsIgnoreCase("providers")) {
            i++;
        }
        for (; i < parts.length; i++) {
            path.append('/').append(segment(parts[i].toLowerCase(java.util.Locale.ROOT)));
        }
        return path.toString();
    }

    /** The directory as a {@code file:} URI ending in a slash, for {@code originalUriBaseIds}. */
    public static String directoryUri(Path base) {
        Path root = base.toAbsolutePath().normalize();
        String path = encode(root);
        return "file://" + (path.startsWith("/") ? "" : "/") + path + (path.endsWith("/") ? "" : "/");
    }

    private static String encode(Path path) {
        StringBuilder out = new StringBuilder();
        if (path.isAbsolute()) {
            out.append('/');
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(segment(path.getName(i).toString()));
        }
        return out.toString();
    }

    /** Percent-encodes everything outside RFC 3986 unreserved characters. */
    static String segment(String segment) {
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
