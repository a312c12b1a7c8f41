package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.byokwatch.adapter.storage.QueueOutbox;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.port.OutboxMessage;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Delivers one alert from the outbox queue to its channels. A retry or a held resolution goes back on the queue as a
 * delayed copy and this invocation succeeds; it throws only when that cannot be done (storage down), and then the host
 * redelivers the message and finally moves it to the {@code -poison} queue.
 */
public final class DeliverAlert {
    private final Supplier<Runtime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public DeliverAlert() {
        this(Runtime::fromEnvironment);
    }

    DeliverAlert(Supplier<Runtime> runtime) {
        this.runtime = runtime;
    }

    @FunctionName("DeliverAlert")
    public void run(@QueueTrigger(name = "message", queueName = "%BYOKWATCH_OUTBOX_QUEUE%", connection = "AzureWebJobsStorage")
                    String message, final ExecutionContext context) {
        Logger log = context.getLogger();
        Notifications n = runtime.get().notifications();
        OutboxMessage m = QueueOutbox.fromTrigger(message, "invocation-" + context.getInvocationId(), Instant.EPOCH);
        try {
            n.triggered().handle(m).forEach(log::info);
        } catch (RuntimeException e) {
            // the host logs what we throw: mask it, and leave out the cause, whose text we do not control
            String reason = n.secrets().mask(e.getClass().getSimpleName() + ": " + e.getMessage());
            log.severe("delivery of outbox message " + m.id() + " failed, the host will retry it: " + reason);
            throw new IllegalStateException("delivery of outbox message " + m.id() + " failed: " + reason);
        }
    }
}
