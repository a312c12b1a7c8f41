package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.byokwatch.bootstrap.Runtime;

import java.util.function.Supplier;

/** Key Vault system topic events: new key versions, near expiry, expiry, access policy changes. */
public final class KeyVaultChanged {
    private final Supplier<Runtime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public KeyVaultChanged() {
        this(Runtime::fromEnvironment);
    }

    KeyVaultChanged(Supplier<Runtime> runtime) {
        this.runtime = runtime;
    }

    @FunctionName("KeyVaultChanged")
    public void run(@EventGridTrigger(name = "event") String event, final ExecutionContext context) {
        EventDelivery.handle(event, runtime.get().intake(), context);
    }
}
