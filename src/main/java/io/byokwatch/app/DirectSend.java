package io.byokwatch.app;

import io.byokwatch.notify.Channel;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one report-like message straight to one channel, retrying within a deadline, and dead-letters it (with its
 * body, for re-sending by hand) when the channel keeps refusing: for messages that are not queued in the outbox
 * because the next run replaces them (the access report, the weekly KPI digest).
 */
final class DirectSend {
    private final Notifier notifier;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;
    private final Secrets secrets;
    private final Clock clock;
    private final Sleeper sleeper;

    DirectSend(Notifier notifier, DeadLetters deadLetters, RetryPolicy retry, Secrets secrets, Clock clock, Sleeper sleeper) {
        this.notifier = notifier;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.secrets = secrets;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** What became of the message on one channel; {@code line} is ready for a log and free of secrets. */
    record Result(String channel, boolean delivered, String line) {
    }

    /** @param what how logs name the message, e.g. "access report access-report-20261201T0200Z" */
    Result send(Channel channel, Notifier.Payload payload, Instant deadline, String what) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Notifier.Result result = notifier.send(channel.name(), payload);
            if (result instanceof Notifier.Sent) {
                return new Result(channel.name(), true, what + " delivered to " + channel.name());
            }
            String reason = result instanceof Notifier.Rejected rej ? rej.reason() : ((Notifier.Retry) result).reason();
            Duration wait = result instanceof Notifier.Retry r ? retry.delay(attempt, r.retryAfter()) : null;
            if (wait == null || retry.exhausted(attempt) || clock.instant().plus(wait).isAfter(deadline)) {
                String masked = secrets.mask(reason);
                deadLetters.add(new DeadLetters.DeadLetter(payload.idempotencyKey(), channel.name(), masked, attempt,
                        clock.instant(), payload.body()));
                return new Result(channel.name(), false, what + " dead-lettered for " + channel.name() + " after "
                        + attempt + " attempt" + (attempt == 1 ? "" : "s") + ": " + masked);
            }
            sleeper.sleep(wait);
        }
    }
}
