package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.byokwatch.bootstrap.Runtime;

import java.util.function.Supplier;

/** ARM resource write/delete events (subscription system topic) for clusters, pools, sets, vaults and role assignments. */
public final class ResourceChanged {
    private final Supplier<Runtime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public ResourceChanged() {
        this(Runtime::fromEnvironment);
    }

    ResourceChanged(Supplier<Runtime> runtime) {
        this.runtime = runtime;
    }

    @FunctionName("ResourceChanged")
    public void run(@EventGridTrigger(name = "event") String event, final ExecutionContext context) {
        EventDelivery.handle(event, runtime.get().intake(), context);
    }
}
