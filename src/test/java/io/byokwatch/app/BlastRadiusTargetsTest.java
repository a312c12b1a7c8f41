package io.byokwatch.app;

import io.byokwatch.adapter.snapshot.Snapshot;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.BlastRadiusTargets.Ambiguous;
import io.byokwatch.app.BlastRadiusTargets.Found;
import io.byokwatch.app.BlastRadiusTargets.NotFound;
import io.byokwatch.app.BlastRadiusTargets.Resolution;
import io.byokwatch.app.BlastRadiusTargets.Scope;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every way an incident responder may name a target, against the example estate's real exports. */
class BlastRadiusTargetsTest {
    private static final String SUB = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
    private static final String LEGACY_VAULT = SUB + "/resourceGroups/rg-keys-legacy/providers/Microsoft.KeyVault/vaults/kv-shared-legacy";
    private static final String SET_A = SUB + "/resourceGroups/rg-keys-legacy/providers/Microsoft.Compute/diskEncryptionSets/des-shared-a";

    private static BlastRadiusTargets estate(String path) {
        SnapshotInventory inv = SnapshotInventory.load(Path.of(path));
        Snapshot s = inv.snapshot();
        return new BlastRadiusTargets(s.vaults(), s.keys(), s.diskEncryptionSets(), inv.clusters());
    }

    private static final BlastRadiusTargets ESTATE = estate("examples/estate");

    private static Found found(String text, Scope scope) {
        Resolution r = ESTATE.resolve(text, scope);
        assertInstanceOf(Found.class, r, text + " -> " + r);
        return (Found) r;
    }

    @Test
    void aVault_isFoundByName_host_uri_andId_inAnyCase() {
        for (String form : List.of("kv-shared-legacy", "KV-Shared-Legacy", "kv-shared-legacy.vault.azure.net",
                "https://kv-shared-legacy.vault.azure.net/", "kv-shared-legacy.vault.azure.net:443", LEGACY_VAULT,
                LEGACY_VAULT.toLowerCase() + "/")) {
            Found f = found(form, Scope.ANY);
            assertNotNull(f.vault(), form);
            assertEquals("kv-shared-legacy.vault.azure.net", f.vault().host());
            assertEquals(LEGACY_VAULT.toLowerCase(), f.vault().id().key());
        }
    }

    @Test
    void aKey_isFoundByVaultSlashKey_urlWithOrWithoutVersionAndPort_andItsArmId() {
        for (String form : List.of("kv-pay-prod/aks-disk", "https://kv-pay-prod.vault.azure.net/keys/aks-disk",
                "https://KV-PAY-PROD.vault.azure.net:443/keys/aks-disk/0123456789abcdef0123456789abcdef",
                "kv-pay-prod.vault.azure.net/aks-disk",
                SUB + "/resourceGroups/rg-keys-prod/providers/Microsoft.KeyVault/vaults/kv-pay-prod/keys/aks-disk")) {
            Found f = found(form, Scope.ANY);
            assertNotNull(f.key(), form);
            assertEquals("https://kv-pay-prod.vault.azure.net/keys/aks-disk", f.key().ref().toString(), form);
        }
    }

    @Test
    void aSet_isFoundByNameAndId() {
        assertEquals(SET_A, found("des-shared-a", Scope.ANY).set().id().toString());
        assertEquals(SET_A.toLowerCase(), found(SET_A.toUpperCase(), Scope.SET).set().id().key());
    }

    @Test
    void aVaultNoFileExported_isStillKnown_byTheKeyUrlsPointingIntoIt() throws Exception {
        // only the clusters and sets: the vault behind des-shared-a/b is known from their key URLs alone
        BlastRadiusTargets sets = estate("examples/estate/payments/disk-encryption-sets.graph.json");
        Resolution r = sets.resolve("kv-shared-legacy", Scope.VAULT);
        assertInstanceOf(Found.class, r);
        assertEquals("kv-shared-legacy.vault.azure.net", ((Found) r).vault().host());
    }

    @Test
    void aTypo_isNotFound_withTheClosestNamesFirst() {
        Resolution r = ESTATE.resolve("kv-shared-legaci", Scope.ANY);
        NotFound nf = assertInstanceOf(NotFound.class, r);
        assertTrue(nf.closest().get(0).startsWith("vault kv-shared-legacy"), nf.closest().toString());
        NotFound url = assertInstanceOf(NotFound.class, ESTATE.resolve("https://kv-pay-prd.vault.azure.net/keys/aks-disk/abc", Scope.ANY));
        assertTrue(url.closest().get(0).startsWith("key kv-pay-prod/aks-disk"), url.closest().toString());
        NotFound id = assertInstanceOf(NotFound.class, ESTATE.resolve(LEGACY_VAULT.replace("rg-keys-legacy", "rg-keys-legasy"), Scope.ANY));
        assertTrue(id.closest().get(0).startsWith("vault kv-shared-legacy"), id.closest().toString());
    }

    @Test
    void theScope_limitsTheKinds() {
        assertInstanceOf(NotFound.class, ESTATE.resolve("des-shared-a", Scope.VAULT));
        assertInstanceOf(NotFound.class, ESTATE.resolve("kv-shared-legacy", Scope.KEY));
        assertNotNull(found("kv-shared-legacy", Scope.VAULT).vault());
    }

    @Test
    void aNameSeveralResourcesShare_isAmbiguous_listingEach() {
        BlastRadiusTargets t = new BlastRadiusTargets(List.of(), List.of(), List.of(), List.of(
                cluster("c1", "https://kv-a.vault.azure.net/keys/disk"), cluster("c2", "https://kv-b.vault.azure.net/keys/disk")));
        Ambiguous a = assertInstanceOf(Ambiguous.class, t.resolve("disk", Scope.ANY));
        assertEquals(List.of("key kv-a/disk (https://kv-a.vault.azure.net/keys/disk)", "key kv-b/disk (https://kv-b.vault.azure.net/keys/disk)"),
                a.candidates());
        assertNotNull(((Found) t.resolve("kv-b/disk", Scope.ANY)).key());
    }

    @Test
    void garbage_isNotFound_neverAnException() {
        for (String text : List.of("", "   ", "/", "//x", "https://", "http://[::1", "a/b/c/d/e", "\u0000", "kv/", "/subscriptions/x/providers/foo/bar/baz")) {
            assertInstanceOf(NotFound.class, ESTATE.resolve(text, Scope.ANY), text);
        }
    }

    private static io.byokwatch.domain.ManagedCluster cluster(String name, String kmsKey) {
        io.byokwatch.domain.ResourceId id = io.byokwatch.domain.ResourceId.parse(SUB + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/" + name);
        return new io.byokwatch.domain.ManagedCluster(id, name, "westeurope", null, null,
                new io.byokwatch.domain.KmsProfile(true, io.byokwatch.domain.KeyRef.parse(kmsKey), "Public", null, null), List.of(), "Succeeded");
    }
}
