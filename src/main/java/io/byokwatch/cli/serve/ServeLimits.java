package io.byokwatch.cli.serve;

import java.time.Duration;

/**
 * What {@code serve} allows one client, so that no client, slow or hostile, can hold what others need.
 *
 * @param headDeadline   from a connection's start (or the end of its previous response) until its request line and
 *                       headers are in; a connection that has not sent a whole head by then is closed
 * @param readGap        the longest pause allowed between two reads of a request body
 * @param bodyDeadline   from the head until the whole body is in
 * @param maxRequestLine the request line (method, path and query), in bytes
 * @param maxHeaders     all header lines together, in bytes
 * @param maxBody        the body, in bytes: Event Grid delivers at most 1 MB per batch
 * @param maxConnections connections open at once; beyond them a new one is closed at once, before it costs a file
 *                       descriptor for longer than that
 * @param workers        threads that run the event path (never the network I/O, which runs on its own event loop)
 * @param queued         requests waiting for a worker; beyond them a request is answered 503 with Retry-After
 */
public record ServeLimits(Duration headDeadline, Duration readGap, Duration bodyDeadline, int maxRequestLine, int maxHeaders,
                          int maxBody, int maxConnections, int workers, int queued) {
    public static final int MAX_BODY = 1024 * 1024;

    /** What {@code serve} enforces; the README's security section lists the same numbers. */
    public static final ServeLimits STANDARD = new ServeLimits(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(30), 8 * 1024, 16 * 1024, MAX_BODY, 2048, 4, 64);

    /** The same limits with other deadlines: for tests that would otherwise wait out ten seconds. */
    public ServeLimits withDeadlines(Duration head, Duration gap, Duration body) {
        return new ServeLimits(head, gap, body, maxRequestLine, maxHeaders, maxBody, maxConnections, workers, queued);
    }
}
