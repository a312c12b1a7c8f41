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
