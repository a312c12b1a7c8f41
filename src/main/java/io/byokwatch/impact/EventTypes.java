package io.byokwatch.impact;

import java.util.Locale;
import java.util.Set;

/**
 * The Event Grid event types the router tells apart. Spelled out here because this package may not depend on the
 * Event Grid SDK; a test checks them against the SDK's {@code SystemEventNames}.
 */
public final class EventTypes {
    public static final String RESOURCE_WRITE_SUCCESS = "Microsoft.Resources.ResourceWriteSuccess";
    public static final String RESOURCE_DELETE_SUCCESS = "Microsoft.Resources.ResourceDeleteSuccess";
    public static final String RESOURCE_ACTION_SUCCESS = "Microsoft.Resources.ResourceActionSuccess";
    public static final String RESOURCE_PREFIX = "Microsoft.Resources.Resource";
    public static final String KEY_NEW_VERSION_CREATED = "Microsoft.KeyVault.KeyNewVersionCreated";
    public static final String KEY_NEAR_EXPIRY = "Microsoft.KeyVault.KeyNearExpiry";
    public static final String KEY_EXPIRED = "Microsoft.KeyVault.KeyExpired";
    public static final String VAULT_ACCESS_POLICY_CHANGED = "Microsoft.KeyVault.VaultAccessPolicyChanged";
    public static final String SUBSCRIPTION_VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";

    private static final Set<String> KEY_EVENTS = Set.of(lower(KEY_NEW_VERSION_CREATED), lower(KEY_NEAR_EXPIRY),
            lower(KEY_EXPIRED));
    private static final Set<String> RESOURCE_SUCCESSES = Set.of(lower(RESOURCE_WRITE_SUCCESS),
            lower(RESOURCE_DELETE_SUCCESS), lower(RESOURCE_ACTION_SUCCESS));

    private EventTypes() {
    }

    static boolean isResourceEvent(String type) {
        return lower(type).startsWith(lower(RESOURCE_PREFIX));
    }

    /** Write, delete or action that went through; Failure and Cancel mean nothing changed. */
    static boolean isResourceSuccess(String type) {
        return RESOURCE_SUCCESSES.contains(lower(type));
    }

    static boolean isKeyEvent(String type) {
        return KEY_EVENTS.contains(lower(type));
    }

    static boolean isVaultAccessPolicyChanged(String type) {
        return VAULT_ACCESS_POLICY_CHANGED.equalsIgnoreCase(type);
    }

    static boolean isEventGridControl(String type) {
        return lower(type).startsWith("microsoft.eventgrid.");
    }

    /** "ResourceWriteFailure" from "Microsoft.Resources.ResourceWriteFailure", for short reasons. */
    static String shortName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
