package io.byokwatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ResourceId cuts its segments from the text when asked; these tests hold it to what splitting the path on every
 * slash gives, for real id shapes and for generated ones.
 */
class ResourceIdTest {
    /** The segments as {@code split("/")} after one leading slash gives them. */
    private static String[] split(String id) {
        return id.startsWith("/") ? id.substring(1).split("/") : id.split("/");
    }

    private static String after(String[] segments, String label) {
        for (int i = 0; i + 1 < segments.length; i++) {
            if (segments[i].equalsIgnoreCase(label)) {
                return segments[i + 1];
            }
        }
        return null;
    }

    private static int last(String[] segments, String label) {
        for (int i = segments.length - 1; i >= 0; i--) {
            if (segments[i].equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    private static String type(String[] s) {
        int p = last(s, "providers");
        if (p < 0 || p + 1 >= s.length) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s[p + 1].toLowerCase(Locale.ROOT));
        for (int i = p + 2; i < s.length; i += 2) {
            sb.append('/').append(s[i].toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private static void sameAsSplitting(String text) {
        ResourceId id = ResourceId.orNull(text);
        if (id == null) {
            return; // not an id at all (too short): nothing to cut
        }
        String[] s = split(id.toString());
        assertEquals(s[s.length - 1], id.name(), text);
        assertEquals(after(s, "subscriptions"), id.subscriptionId(), text);
        assertEquals(after(s, "resourceGroups"), id.resourceGroup(), text);
        assertEquals(type(s), id.type(), text);
        int p = last(s, "providers");
        String top = p < 0 || p + 3 >= s.length ? id.toString()
                : "/" + String.join("/", java.util.Arrays.copyOfRange(s, 0, p + 4));
        assertEquals(top, id.topLevel().toString(), text);
    }

    @Test
    void realShapes_readAsTheirSegmentsSay() {
        for (String text : List.of(
                "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/MC_rg-0_aks-0_westeurope/providers/Microsoft.Compute/disks/pvc-1",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/agentPools/np1",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/k",
                "/subscriptions/s/resourcegroups/MC_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool1-vmss/virtualMachines/0",
                "/subscriptions/s/resourceGroups/rg",
                "/subscriptions/s",
                "/providers/Microsoft.Management/managementGroups/mg-1",
                "/providers/Microsoft.KeyVault/managedHSMs/hsm",
                "/subscriptions/s/RESOURCEGROUPS/Rg/PROVIDERS/microsoft.compute/DISKS/d")) {
            sameAsSplitting(text);
        }
    }

    @Test
    void generatedIds_readAsSplittingWould() {
        Random random = new Random(7);
        String[] words = {"subscriptions", "resourceGroups", "providers", "Microsoft.Compute", "disks", "a", "B-1", "x.y",
                "PROVIDERS", "resourcegroups", "0"};
        int judged = 0;
        for (int n = 0; n < 5_000; n++) {
            List<String> parts = new ArrayList<>();
            for (int k = 1 + random.nextInt(9); k > 0; k--) {
                parts.add(words[random.nextInt(words.length)]);
            }
            String text = "/" + String.join("/", parts);
            sameAsSplitting(text);
            judged += ResourceId.orNull(text) == null ? 0 : 1;
        }
        assertTrue(judged > 4_000, judged + " of the generated texts were ids");
    }

    @Test
    void trailingSlashesAreNotPartOfTheId_andScopesAboveSubscriptionsHaveNone() {
        assertNull(ResourceId.parse("/providers/Microsoft.Management/managementGroups/mg-1").subscriptionId());
        ResourceId trailing = ResourceId.parse("/subscriptions/s/resourceGroups/rg/");
        assertEquals("rg", trailing.name());
        assertEquals("/subscriptions/s/resourceGroups/rg", trailing.toString());
    }

    @Test
    void comparisonIgnoresCase_andChildrenLieUnderTheirParent() {
        ResourceId vault = ResourceId.parse("/subscriptions/S/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/KV");
        ResourceId key = vault.child("keys", "k1");
        assertEquals(vault, ResourceId.parse(vault.toString().toLowerCase(Locale.ROOT)));
        assertTrue(key.isUnder(vault));
        assertFalse(vault.isUnder(key));
        assertEquals(vault, key.topLevel());
        assertEquals("k1", key.name());
        assertEquals("microsoft.keyvault/vaults/keys", key.type());
        assertTrue(key.isType("Microsoft.KeyVault/vaults/keys"));
    }
}
