package io.byokwatch.adapter.eventgrid;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.impact.Impact;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.impact.InMemoryInventory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published samples concern storage accounts, event subscriptions, the handshake and a secret: parsed end to end
 * and routed, each must be ignored with a reason a person can check against the sample.
 */
class CorpusRoutingTest {
    private final EventEnvelopeParser parser = new EventEnvelopeParser();
    private final ImpactRouter router = new ImpactRouter();
    private final InMemoryInventory inventory = new InMemoryInventory();

    private String reasonFor(String file) {
        ChangeEvent e = parser.parse(Corpus.read(file)).events().get(0);
        Impact impact = router.route(e, inventory);
        assertTrue(impact.ignored(), () -> file + " was routed: " + impact);
        return impact.ignoredReason();
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
    }

    @Test
    void storageAccountWritesAndDeletesAreIgnoredAsUnroutedOperations() {
        assertContains(reasonFor("eg_resource_write_success_eventgridschema_docs.json"),
                "operation Microsoft.Storage/storageAccounts/write on Microsoft.Storage/storageAccounts");
        assertContains(reasonFor("eg_resource_delete_success_eventgridschema_docs.json"),
                "Microsoft.Storage/storageAccounts/delete");
        assertContains(reasonFor("eg_resource_write_success_cloudevents_docs.json"),
                "Microsoft.Storage/storageAccounts/write");
    }

    @Test
    void eventSubscriptionWriteIsIgnored() {
        assertContains(reasonFor("eg_resource_delete_success_stringified_data_fields_javasdk_test.json"),
                "Microsoft.EventGrid/eventSubscriptions/write");
    }

    @Test
    void validationEventIsIgnoredAsEventGridTraffic() {
        assertContains(reasonFor("eg_subscription_validation_event_docs.json"), "subscription traffic");
    }

    @Test
    void secretEventIsIgnoredAsNotAKeyEvent() {
        assertContains(reasonFor("eg_keyvault_secret_new_version_eventgridschema_docs.json"),
                "SecretNewVersionCreated is not a key event");
    }
}
