package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.byokwatch.bootstrap.Runtime;

import java.util.function.Supplier;

/**
 * Repeats what is still open to the channels for people, once a day at the notify config's {@code dailyReminder.hourUtc}.
 * The timer (app setting BYOKWATCH_REMINDER_SCHEDULE) may fire every hour: the config decides which hour sends.
 */
public final class DailyReminder {
    private final Supplier<Runtime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public DailyReminder() {
        this(Runtime::fromEnvironment);
    }

    DailyReminder(Supplier<Runtime> runtime) {
        this.runtime = runtime;
    }

    @FunctionName("DailyReminder")
    public void run(@TimerTrigger(name = "timer", schedule = "%BYOKWATCH_REMINDER_SCHEDULE%") String timer,
                    final ExecutionContext context) {
        try {
            runtime.get().notifications().reminders().runIfDue().forEach(context.getLogger()::info);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the daily reminder was interrupted (the host is stopping)");
        }
    }
}
