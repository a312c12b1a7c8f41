package io.byokwatch.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Deliveries given up on: a channel refused the payload for good, or kept failing past the attempt limit. Kept with the
 * reason and the alert so that a person can fix the channel and send it again; nothing here is retried by itself.
 */
public interface DeadLetters {

    void add(DeadLetter letter);

    /**
     * At most {@code max} letters, newest first. A queue can show only its oldest 32, so in Azure these are the newest
     * of those; the portal or Storage Explorer shows them all.
     */
    List<DeadLetter> recent(int max);

    /**
     * @param channel  the configured channel name ("-" when the message could not even be read as an alert)
     * @param reason   why it was given up, free of webhook addresses and secrets
     * @param attempts how many deliveries were tried
     * @param body     the alert JSON (or the text that could not be read), for re-sending
     */
    record DeadLetter(String alertId, String channel, String reason, int attempts, Instant at, String body) {
        public DeadLetter {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(body, "body");
        }
    }
}
