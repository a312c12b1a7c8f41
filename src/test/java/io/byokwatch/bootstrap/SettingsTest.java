package io.byokwatch.bootstrap;

import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SettingsTest {

    @Test
    void liveDefaults_needOnlyScopeAndStorage() {
        Settings s = Settings.from(Map.of("BYOKWATCH_SUBSCRIPTIONS", "6F1C2A8E-4B7D-4E1A-9C3F-2D5E8A7B1C01",
                "AzureWebJobsStorage__accountName", "stbyokwatch"));
        assertEquals("live", s.inventoryMode());
        assertEquals("AzureCloud", s.cloud());
        assertEquals("azure", s.stateMode());
        assertEquals("byokwatchverdicts", s.verdictTable());
        assertEquals("byokwatch-outbox", s.outboxQueue());
        assertTrue(s.inScope(ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg")));
        assertFalse(s.inScope(ResourceId.parse("/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg")));
    }

    @Test
    void withAManagementGroup_theSubscriptionsOutsideTheListAreLeftToTheInventory() {
        Settings s = Settings.from(Map.of("BYOKWATCH_SUBSCRIPTIONS", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01",
                "BYOKWATCH_MANAGEMENT_GROUP", "mg-estate", "AzureWebJobsStorage__accountName", "stbyokwatch"));
        // an event from a subscription the group holds must reach the inventory's own scope check
        assertTrue(s.inScope(ResourceId.parse("/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg")));
    }

    @Test
    void filesMode_defaultsToFileState() {
        Settings s = Settings.from(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate"));
        assertEquals("files", s.stateMode());
        assertEquals(Path.of(".byokwatch/state"), s.stateDir());
        assertTrue(s.inScope(ResourceId.parse("/subscriptions/anything/resourceGroups/rg")));
    }

    @Test
    void everyProblem_isReportedOnceWithTheSettingAndAnExample() {
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(Map.of(
                "BYOKWATCH_CLOUD", "AzureGermany", "BYOKWATCH_SUBSCRIPTIONS", "prod", "BYOKWATCH_OUTBOX_QUEUE", "Outbox_Queue",
                "BYOKWATCH_CACHE_TTL_SECONDS", "soon", "BYOKWATCH_ARM_ENDPOINT", "management")));
        String m = e.getMessage();
        assertEquals(6, e.problems().size(), m);
        assertTrue(m.contains("BYOKWATCH_CLOUD='AzureGermany' is not a cloud; use one of AzureCloud, AzureUSGovernment, AzureChinaCloud"), m);
        assertTrue(m.contains("BYOKWATCH_SUBSCRIPTIONS holds 'prod', which is not a subscription id"), m);
        assertTrue(m.contains("BYOKWATCH_OUTBOX_QUEUE='Outbox_Queue' is not a queue name"), m);
        assertTrue(m.contains("BYOKWATCH_CACHE_TTL_SECONDS='soon' must be a whole number"), m);
        assertTrue(m.contains("BYOKWATCH_ARM_ENDPOINT='management' is not an https endpoint URL"), m);
        assertTrue(m.contains("set AzureWebJobsStorage"), m);
    }

    @Test
    void secretsNeverAppearInProblems() {
        String connection = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0LWtleS1kby1ub3QtbG9n;";
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(Map.of(
                "AzureWebJobsStorage", connection, "BYOKWATCH_CLOUD", "nowhere")));
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
    }

    @Test
    void deliverySettings_haveDefaults_andTheDeadLetterQueueMustBeItsOwn() {
        Settings s = Settings.from(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate"));
        assertEquals("byokwatchdelivery", s.deliveryTable());
        assertEquals("byokwatch-deadletter", s.deadLetterQueue());
        assertNull(s.notifyConfig());
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(Map.of("BYOKWATCH_INVENTORY", "files",
                "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_DEADLETTER_QUEUE", "byokwatch-outbox",
                "BYOKWATCH_DELIVERY_TABLE", "delivery-table")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("dead letters need a queue of their own"), e.getMessage());
        assertTrue(e.getMessage().contains("BYOKWATCH_DELIVERY_TABLE='delivery-table' is not a table name"), e.getMessage());
    }
}
