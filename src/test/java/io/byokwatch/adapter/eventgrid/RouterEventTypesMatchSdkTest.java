package io.byokwatch.adapter.eventgrid;

import com.azure.messaging.eventgrid.SystemEventNames;
import io.byokwatch.impact.EventTypes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The router spells event types itself (it may not use the SDK); a typo there would silently ignore real events. */
class RouterEventTypesMatchSdkTest {

    @Test
    void routerEventTypeNamesAreTheSdkNames() {
        assertEquals(SystemEventNames.RESOURCE_WRITE_SUCCESS, EventTypes.RESOURCE_WRITE_SUCCESS);
        assertEquals(SystemEventNames.RESOURCE_DELETE_SUCCESS, EventTypes.RESOURCE_DELETE_SUCCESS);
        assertEquals(SystemEventNames.RESOURCE_ACTION_SUCCESS, EventTypes.RESOURCE_ACTION_SUCCESS);
        assertEquals(SystemEventNames.KEY_VAULT_KEY_NEW_VERSION_CREATED, EventTypes.KEY_NEW_VERSION_CREATED);
        assertEquals(SystemEventNames.KEY_VAULT_KEY_NEAR_EXPIRY, EventTypes.KEY_NEAR_EXPIRY);
        assertEquals(SystemEventNames.KEY_VAULT_KEY_EXPIRED, EventTypes.KEY_EXPIRED);
        assertEquals(SystemEventNames.KEY_VAULT_VAULT_ACCESS_POLICY_CHANGED, EventTypes.VAULT_ACCESS_POLICY_CHANGED);
        assertEquals(SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION, EventTypes.SUBSCRIPTION_VALIDATION);
    }
}
