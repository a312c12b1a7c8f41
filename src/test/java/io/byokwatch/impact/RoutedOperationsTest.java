package io.byokwatch.impact;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutedOperationsTest {

    /** ".../providers/Ns/t1/n1/t2/n2" for operation "Ns/t1/t2/write"; role assignments sit on a vault. */
    private static ResourceId sampleResource(String operation) {
        String[] parts = operation.split("/");
        StringBuilder id = new StringBuilder(Estate.RG);
        if (parts[0].equalsIgnoreCase("Microsoft.Authorization")) {
            id.append("/providers/Microsoft.KeyVault/vaults/kv");
        }
        id.append("/providers/").append(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append('/').append(parts[i]).append("/n").append(i);
        }
        return ResourceId.parse(id.toString());
    }

    @Test
    void listFitsTheEventGridFilterLimitAndHasNoDuplicates() {
        assertTrue(RoutedOperations.ALL.size() <= 25, "size " + RoutedOperations.ALL.size());
        Set<String> distinct = RoutedOperations.ALL.stream().map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertEquals(RoutedOperations.ALL.size(), distinct.size());
    }

    @Test
    void everyListedOperationIsActedOnByTheRouter() {
        ImpactRouter router = new ImpactRouter();
        InMemoryInventory inv = new InMemoryInventory();
        for (String op : RoutedOperations.ALL) {
            ResourceId id = sampleResource(op);
            ChangeEvent e = op.endsWith("/delete") ? Estate.delete(id, op) : Estate.write(id, op);
            Impact impact = router.route(e, inv);
            assertFalse(impact.ignored(), () -> op + " on " + id + " was ignored: " + impact.ignoredReason());
        }
    }

    @Test
    void operationsAreMatchedIgnoringCase() {
        assertTrue(RoutedOperations.contains("microsoft.keyvault/VAULTS/write"));
        assertFalse(RoutedOperations.contains("Microsoft.KeyVault/vaults/read"));
        assertFalse(RoutedOperations.contains(null));
    }

    @Test
    void keyVersionsHaveNoWriteOperationToRouteOn() {
        assertFalse(RoutedOperations.contains("Microsoft.KeyVault/vaults/keys/versions/write"));
    }
}
