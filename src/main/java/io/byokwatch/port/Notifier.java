package io.byokwatch.port;

import java.time.Duration;
import java.util.Objects;

/**
 * Hands one payload to one configured channel (a Slack or Teams webhook, a signed generic webhook, the terminal).
 * Channels are named, never addressed: where a channel points and how it is signed is the adapter's business, so the
 * services never hold a webhook URL or a signing secret.
 *
 * <p>Implementations do not throw for a failed delivery; they say whether trying again can help.
 */
public interface Notifier {

    Result send(String channel, Payload payload);

    /**
     * @param idempotencyKey the alert id (or reminder id); every payload carries it so receivers can drop repeats
     * @param body           the channel's message, already rendered for it
     */
    record Payload(String idempotencyKey, String body) {
        public Payload {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(body, "body");
        }
    }

    /** What became of one attempt. Reasons name the channel's answer, never its address. */
    sealed interface Result {
    }

    /** The channel took it (2xx, or written out). */
    record Sent(int status) implements Result {
    }

    /**
     * It did not arrive, and later may work (5xx, 408, 429, a timeout, a refused connection).
     *
     * @param retryAfter what the receiver asked us to wait, or null when it did not say
     */
    record Retry(String reason, Duration retryAfter) implements Result {
    }

    /** It will never arrive as it is (a gone webhook, a refused payload): dead-letter it, do not retry. */
    record Rejected(String reason) implements Result {
    }
}
