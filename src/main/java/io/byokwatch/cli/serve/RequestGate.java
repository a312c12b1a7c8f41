package io.byokwatch.cli.serve;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What is decided from a request's head alone, before a byte of its body is read: the path, the key, and for an
 * unkeyed (loopback-only) endpoint, that the request cannot have come from a web page. A refused request costs its
 * sender a short answer and its connection, never a read of what it meant to upload.
 *
 * <p><b>Without a key</b> the endpoint listens on loopback only, but a browser on the same machine can still reach it.
 * A page can POST {@code text/plain} cross-site without a preflight, and a DNS-rebinding page can read answers under
 * its own host name. So an unkeyed endpoint accepts only a {@code Host} naming the address it is bound to (or
 * localhost) with its port, and only JSON content types on POST, which a page cannot send cross-site without a CORS
 * preflight that serve never grants (it sends no CORS headers at all).
 */
public final class RequestGate {
    /** The media types Event Grid sends: Event Grid schema, and CloudEvents single and batched. */
    static final Set<String> JSON_TYPES = Set.of("application/json", "application/cloudevents+json",
            "application/cloudevents-batch+json");

    /** Which part of serve a path belongs to. */
    public enum Route {
        HEALTH, EVENTS, COMPLIANCE, DASHBOARD, KPI, UNKNOWN;

        static Route of(String path) {
            String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
            return switch (p) {
                case "/healthz" -> HEALTH;
                case "/api/events" -> EVENTS;
                case "/api/compliance" -> COMPLIANCE;
                case "/" -> DASHBOARD;
                case "/api/kpi" -> KPI;
                default -> UNKNOWN;
            };
        }
    }

    private final String key;
    private final Set<String> localHosts;
    private final int port;
    private final int maxBody;

    /**
     * @param key  null for an unkeyed endpoint
     * @param bind the address the endpoint listens on
     * @param port the port it actually listens on
     */
    public RequestGate(String key, String bind, int port, int maxBody) {
        this.key = key;
        String b = bind.trim().toLowerCase(Locale.ROOT);
        this.localHosts = new java.util.HashSet<>(List.of(b.contains(":") && !b.startsWith("[") ? "[" + b + "]" : b,
                "localhost", "127.0.0.1", "[::1]"));
        this.port = port;
        this.maxBody = maxBody;
    }

    /**
     * An answer that ends the request now (the connection is closed after it), or null when its body may be read.
     *
     * @param contentLength the declared body length, -1 when none was declared (chunked, or no body)
     */
    public ServeAnswer refuse(ServeRequest head, long contentLength) {
        Route route = Route.of(head.path());
        if (route == Route.UNKNOWN) {
            return ServeAnswer.error(404, "no such path; serve answers POST /api/events, GET or POST /api/compliance,"
                    + " GET / (the KPI dashboard), GET /api/kpi and GET /healthz").closing();
        }
        if (route == Route.HEALTH) {
            return null;
        }
        String fromQuery;
        try {
            fromQuery = head.query().get("key");
        } catch (IllegalArgumentException e) {
            return ServeAnswer.error(400, "the query string is not valid percent-encoding").closing();
        }
        if (key != null) {
            String given = head.header(KeyCheck.HEADER) != null ? head.header(KeyCheck.HEADER) : fromQuery;
            if (!KeyCheck.matches(given, key)) {
                return ServeAnswer.error(401, "missing or wrong key: send it as the x-byokwatch-key header or ?key= in"
                        + " the URL").closing();
            }
        } else {
            ServeAnswer local = localOnly(head);
            if (local != null) {
                return local.closing();
            }
        }
        if (route == Route.EVENTS && !head.method().equals("POST") && !head.method().equals("OPTIONS")) {
            return ServeAnswer.error(405, "use POST for events (OPTIONS for the CloudEvents handshake)")
                    .withHeader("Allow", "POST, OPTIONS").closing();
        }
        if ((route == Route.DASHBOARD || route == Route.KPI) && !head.method().equals("GET")) {
            return ServeAnswer.error(405, "use GET").withHeader("Allow", "GET").closing();
        }
        if (contentLength > maxBody) {
            return tooLarge();
        }
        return null;
    }

    static ServeAnswer tooLarge() {
        return ServeAnswer.error(413, "body over " + ServeLimits.MAX_BODY + " bytes; Event Grid delivers at most 1 MB per"
                + " batch").closing();
    }

    private ServeAnswer localOnly(ServeRequest head) {
        String host = head.header("Host");
        if (host == null || !addressedHere(host.trim().toLowerCase(Locale.ROOT))) {
            return ServeAnswer.error(403, "without a key serve answers only requests addressed to localhost or its"
                    + " loopback address with its port (Host " + (host == null ? "missing" : "'" + printable(host) + "'")
                    + "), so that no web page can reach it by DNS rebinding; set a key to accept other names");
        }
        if (head.method().equals("POST")) {
            String type = head.header("Content-Type");
            String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!JSON_TYPES.contains(media)) {
                return ServeAnswer.error(415, "without a key serve accepts only Content-Type application/json,"
                        + " application/cloudevents+json or application/cloudevents-batch+json (got "
                        + (type == null ? "none" : "'" + printable(type) + "'") + "), which a web page cannot send"
                        + " cross-site");
            }
        }
        return null;
    }

    private boolean addressedHere(String host) {
        String name = host;
        String givenPort = null;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            name = host.substring(0, colon);
            givenPort = host.substring(colon + 1);
        }
        return localHosts.contains(name) && String.valueOf(givenPort == null ? 80 : givenPort).equals(String.valueOf(port));
    }

    /** A header value as it may appear in an answer: printable ASCII, at most 100 chars. */
    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 100 ? p.substring(0, 100) + "..." : p;
    }
}
