package io.byokwatch.bootstrap;

import io.byokwatch.port.Inventory;

import java.util.HashMap;
import java.util.Map;

/**
 * What a plan is joined with: the live estate, read as {@code serve --live} reads it (the same settings, the caller's
 * credentials), or files as {@code scan} reads them ({@link FileInventory}).
 */
public final class PlanBases {
    private PlanBases() {
    }

    /** Throws {@link SettingsException} listing what is missing (the subscriptions or management group in scope). */
    public static Inventory live(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put(Settings.INVENTORY, "live");
        settings.putIfAbsent(Settings.STATE, "files");
        return LiveInventoryFactory.create(Settings.from(settings));
    }
}
