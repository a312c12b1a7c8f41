package io.byokwatch.adapter.webhook;

import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.Endpoint;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Sleeper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Posts payloads to Slack, Teams and generic webhooks over {@code java.net.http}, one paced channel at a time, and says
 * whether a failure is worth retrying.
 *
 * <ul>
 *   <li>2xx: delivered (Teams Workflows answers 202).</li>
 *   <li>408, 429, 5xx, timeouts, refused connections: retry; a {@code Retry-After} is passed on.</li>
 *   <li>Any other 4xx: rejected for good. For Slack that is 400 invalid_payload, 403 action_prohibited, 404
 *   channel_not_found, 410 channel_is_archived; for a webhook, the receiver saying no.</li>
 *   <li>3xx: rejected. Redirects are not followed: a signed alert must not be re-posted to wherever a redirect points.</li>
 * </ul>
 * Every request carries {@code X-Byokwatch-Alert-Id}; generic webhooks also get the signature headers. Reasons name the
 * channel and the answer, never the URL, and pass through the {@link Secrets} masker in case a receiver echoes it.
 */
public final class HttpNotifier implements Notifier {
    static final String ALERT_ID = "X-Byokwatch-Alert-Id";
    private static final int MAX_REASON_BODY = 200;

    private final HttpClient http;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Duration timeout;
    private final Secrets secrets;
    private final Clock clock;
    private final String userAgent;

    private record Target(Channel channel, Endpoint endpoint, TokenBucket pace, WebhookSigner signer) {
    }

    /**
     * @param channels  the HTTP channels (slack, teams, webhook) with their endpoints
     * @param timeout   for connecting and for the whole answer of one request
     * @param sleeper   waits for the pace; tests pass one that moves a fake clock
     */
    public HttpNotifier(Map<Channel, Endpoint> channels, Duration timeout, Secrets secrets, Clock clock, Sleeper sleeper,
                        String version) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.userAgent = "byokwatch/" + version;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        channels.forEach((c, e) -> {
            if (!c.type().http()) {
                throw new IllegalArgumentException("channel " + c.name() + " is a " + c.type().label() + " channel, not HTTP");
            }
            Objects.requireNonNull(e.url(), "url of channel " + c.name());
            TokenBucket pace = new TokenBucket(c.perSecond(), clock, sleeper);
            WebhookSigner signer = c.type() == ChannelType.WEBHOOK ? new WebhookSigner(e.signingSecret()) : null;
            targets.put(c.name(), new Target(c, e, pace, signer));
        });
    }

    @Override
    public Result send(String channel, Payload payload) {
        Target t = targets.get(channel);
        if (t == null) {
            return new Rejected("no HTTP channel named '" + channel + "' is configured");
        }
        String name = t.channel().type().label() + " channel " + channel;
        try {
            t.pace().acquire();
            HttpRequest.Builder request = HttpRequest.newBuilder(t.endpoint().url()).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", userAgent)
                    .header(ALERT_ID, payload.idempotencyKey())
                    .POST(HttpRequest.BodyPublishers.ofString(payload.body(), StandardCharsets.UTF_8));
            if (t.signer() != null) {
                t.signer().headers(payload.body(), clock.instant()).forEach(request::header);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return classify(name, response);
        } catch (HttpConnectTimeoutException e) {
            return new Retry(name + " did not accept a connection within " + timeout.toSeconds() + " s", null);
        } catch (HttpTimeoutException e) {
            return new Retry(name + " did not answer within " + timeout.toSeconds() + " s; it may have received the"
                    + " alert, so a retry can repeat it (receivers drop repeats by " + ALERT_ID + ")", null);
        } catch (ConnectException e) {
            return new Retry(name + " refused the connection or could not be reached", null);
        } catch (IOException e) {
            return new Retry(name + " failed in transit: " + secrets.mask(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retry(name + ": delivery interrupted (shutting down)", null);
        }
    }

    private Result classify(String name, HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        String body;
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(MAX_REASON_BODY);
            // drain the rest so the connection can be reused
            in.transferTo(java.io.OutputStream.nullOutputStream());
            body = new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        }
        if (status >= 200 && status < 300) {
            return new Sent(status);
        }
        String reason = name + " answered HTTP " + status + (body.isEmpty() ? "" : ": " + secrets.mask(body));
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(reason, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        }
        if (status >= 300 && status < 400) {
            return new Rejected(reason + " (a redirect; byokwatch does not follow redirects: set the final URL in the setting)");
        }
        return new Rejected(reason);
    }
}
