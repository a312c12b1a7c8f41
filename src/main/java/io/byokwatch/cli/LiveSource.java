package io.byokwatch.cli;

import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.port.Inventory;

/**
 * Opens the live inventory for {@code scan --live}: the same ARM and Resource Graph reads the functions make. The
 * command decides the cloud, endpoint, scope and identity ({@code DefaultAzureCredential}); tests open it with the real
 * SDK clients against the fake ARM, whose self-signed certificate and fixed token need their own client and credential.
 */
@FunctionalInterface
interface LiveSource {
    LiveSource ARM = LiveInventory::new;

    Inventory open(ArmSettings settings);
}
