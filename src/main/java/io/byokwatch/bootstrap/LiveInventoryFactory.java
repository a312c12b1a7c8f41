package io.byokwatch.bootstrap;

import io.byokwatch.adapter.arm.ArmCloud;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.port.Inventory;

import java.net.URI;

/** Builds the live ARM/Resource Graph inventory from settings, as the managed identity (or developer credentials). */
final class LiveInventoryFactory {
    private LiveInventoryFactory() {
    }

    static Inventory create(Settings s) {
        ArmCloud cloud = ArmCloud.parse(s.cloud());
        ArmSettings arm = new ArmSettings(cloud, s.armEndpoint() == null ? null : URI.create(s.armEndpoint()),
                s.subscriptions(), s.managementGroup(), Credentials.managed(s),
                s.readBudgetPerMinute(), s.cacheTtl(), ArmSettings.DEFAULT_MAX_RETRIES);
        return new LiveInventory(arm);
    }
}
