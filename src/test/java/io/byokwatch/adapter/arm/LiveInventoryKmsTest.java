package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.KmsState;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_B;
import static io.byokwatch.adapter.arm.Harness.clusterId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both KMS experiences read live, against the fake ARM, which serialises AKS clusters per api-version as ARM does
 * (the KMS data encryption block only from 2026-05-02-preview and the stable 2026-07-01) and refuses versions it is
 * told not to offer. Security profiles are the AKS docs' outputs: {@code kms-data-encryption.md} (corpus
 * {@code aks_securityprofile_kms_cmk_private_cli_output_docs.json}, and its platform-managed form) and legacy KMS as
 * {@code use-kms-etcd-encryption.md} sets it.
 */
class LiveInventoryKmsTest extends OnFakeArm {
    private static final ResourceId CMK = clusterId(SUB_A, "aks-cmk");
    private static final ResourceId PMK = clusterId(SUB_A, "aks-pmk");
    private static final ResourceId PLAIN = clusterId(SUB_A, "aks-plain");
    private static final ResourceId LEGACY = clusterId(SUB_B, "aks-legacy");
    private static final String VAULT = "/subscriptions/" + SUB_A + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault"
            + "/vaults/kv-etcd";

    private static JsonObject docsCustomerKeyPrivate() throws IOException {
        return JsonParser.parseString(Files.readString(Path.of("src/test/resources/corpus",
                        "aks_securityprofile_kms_cmk_private_cli_output_docs.json"))
                .replace("<key-vault-name>", "kv-etcd").replace("<key-name>", "etcd-key")
                .replace("<key-vault-resource-id>", VAULT)).getAsJsonObject();
    }

    private static JsonObject withSecurityProfile(ResourceId id, String securityProfile) {
        JsonObject cluster = Harness.cluster(id, null);
        cluster.getAsJsonObject("properties").add("securityProfile", JsonParser.parseString(securityProfile));
        return cluster;
    }

    private void putEstate() throws IOException {
        JsonObject cmk = Harness.cluster(CMK, null);
        cmk.getAsJsonObject("properties").add("securityProfile", docsCustomerKeyPrivate());
        cmk.add("identity", JsonParser.parseString("{\"type\": \"UserAssigned\", \"userAssignedIdentities\": {\"/subscriptions/"
                + SUB_A + "/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etcd\":"
                + " {\"clientId\": \"c0ffee00-1111-4222-8333-444455556666\", \"principalId\":"
                + " \"d00dfeed-7777-4888-9999-aaaabbbbcccc\"}}}"));
        fake.put(cmk);
        fake.put(withSecurityProfile(PMK, "{\"kubernetesResourceObjectEncryptionProfile\":"
                + " {\"infrastructureEncryption\": \"Enabled\"}}"));
        fake.put(Harness.cluster(PLAIN, null));
        fake.put(Harness.kms(Harness.cluster(LEGACY, null), "https://kv-legacy.vault.azure.net/keys/etcd/0a1b2c3d4e5f"));
    }

    private static KmsState state(Lookup<ManagedCluster> read) {
        return read.orNull().kms().state();
    }

    @Test
    void pointReads_askForTheApiVersionThatShowsKmsDataEncryption_andTellAllFourStates() throws IOException {
        putEstate();
        LiveInventory inventory = h.inventory();

        KmsState cmk = state(inventory.cluster(CMK));
        assertEquals(KmsState.Kind.CUSTOMER_KEY_AUTO_ROTATED, cmk.kind());
        assertEquals("https://kv-etcd.vault.azure.net/keys/etcd-key", cmk.key().toString());
        assertEquals(KmsState.PLATFORM_MANAGED, state(inventory.cluster(PMK)));
        assertEquals(KmsState.OFF, state(inventory.cluster(PLAIN)), "read at 2026-07-01, a missing block is unset");
        assertEquals(KmsState.Kind.LEGACY_CUSTOMER_KEY, state(inventory.cluster(LEGACY)).kind());

        assertEquals(List.of(ApiVersions.MANAGED_CLUSTERS), fake.armGets().stream()
                .map(r -> r.query().get("api-version")).distinct().toList());
        assertEquals("2026-07-01", ApiVersions.MANAGED_CLUSTERS);
        ManagedCluster read = inventory.cluster(CMK).orNull();
        assertTrue(read.kms().privateVaultNetwork());
        assertEquals(ResourceId.parse(VAULT), read.kms().keyVaultResourceId());
        assertEquals(List.of("d00dfeed-7777-4888-9999-aaaabbbbcccc"), read.identity().knownPrincipalIds());
    }

    @Test
    void aCloudWithoutTheNewVersion_isReadWithTheFallback_andKmsDataEncryptionIsThenUnknown() throws IOException {
        putEstate();
        fake.offerClusterApiVersions(ApiVersions.MANAGED_CLUSTERS_FALLBACK);
        LiveInventory inventory = h.inventory();

        KmsState pmk = state(inventory.cluster(PMK));
        KmsState legacy = state(inventory.cluster(LEGACY));

        assertEquals(KmsState.Kind.UNKNOWN, pmk.kind(), "the old version leaves the block out: not 'off'");
        assertTrue(pmk.missing().startsWith("the record was read with API version 2024-10-01"), pmk.missing());
        assertEquals(KmsState.Kind.LEGACY_CUSTOMER_KEY, legacy.kind(), "azureKeyVaultKms is in the old version too");
        assertEquals(List.of(ApiVersions.MANAGED_CLUSTERS, ApiVersions.MANAGED_CLUSTERS_FALLBACK,
                        ApiVersions.MANAGED_CLUSTERS, ApiVersions.MANAGED_CLUSTERS_FALLBACK),
                fake.armGets().stream().map(r -> r.query().get("api-version")).toList());
    }

    @Test
    void graphRows_withoutTheBlock_areUnknown_andOneArmListPerSubscriptionSettlesThem() throws IOException {
        putEstate();
        LiveInventory inventory = h.inventory();

        Map<String, ManagedCluster> swept = inventory.clusters().stream()
                .collect(Collectors.toMap(ManagedCluster::name, Function.identity()));

        assertEquals(0, fake.armGets().size(), "the sweep itself reads no cluster from ARM");
        assertEquals(KmsState.Kind.UNKNOWN, swept.get("aks-pmk").kms().state().kind());
        assertEquals(KmsState.Kind.UNKNOWN, swept.get("aks-plain").kms().state().kind());
        assertEquals(KmsState.Kind.CUSTOMER_KEY_AUTO_ROTATED, swept.get("aks-cmk").kms().state().kind(),
                "a customer key shows whatever the version");
        assertEquals(KmsState.Kind.LEGACY_CUSTOMER_KEY, swept.get("aks-legacy").kms().state().kind());

        assertEquals(Lookup.found(KmsState.PLATFORM_MANAGED), inventory.kmsState(swept.get("aks-pmk")));
        assertEquals(Lookup.found(KmsState.OFF), inventory.kmsState(swept.get("aks-plain")));
        assertEquals(KmsState.Kind.LEGACY_CUSTOMER_KEY, inventory.kmsState(swept.get("aks-legacy")).orNull().kind());

        List<FakeArm.Request> lists = fake.armGets();
        assertEquals(1, lists.size(), "both clusters of subscription A from one list; nothing asked for B: " + lists);
        assertEquals("/subscriptions/" + SUB_A + "/providers/Microsoft.ContainerService/managedClusters",
                lists.get(0).path());
        assertEquals(ApiVersions.MANAGED_CLUSTERS, lists.get(0).query().get("api-version"));
        inventory.kmsState(swept.get("aks-plain"));
        assertEquals(1, fake.armGets().size(), "the list is cached for the TTL");
    }

    @Test
    void graphRowsSerialisedWithAVersionThatHasTheBlock_showPlatformManagedKmsDirectly() throws IOException {
        putEstate();
        fake.graphClusterApiVersion("2026-07-01");

        Map<String, ManagedCluster> swept = h.inventory().clusters().stream()
                .collect(Collectors.toMap(ManagedCluster::name, Function.identity()));

        assertEquals(KmsState.PLATFORM_MANAGED, swept.get("aks-pmk").kms().state());
        assertEquals(KmsState.Kind.UNKNOWN, swept.get("aks-plain").kms().state().kind(),
                "a row never says its version, so a missing block stays unknown");
    }

    @Test
    void settlingKms_whereArmDoesNotOfferTheNewVersion_orDeniesTheList_isUnknownAndSaysWhy() throws IOException {
        putEstate();
        LiveInventory inventory = h.inventory();
        ManagedCluster plain = inventory.clusters().stream().filter(c -> c.name().equals("aks-plain")).findFirst()
                .orElseThrow();
        fake.offerClusterApiVersions(ApiVersions.MANAGED_CLUSTERS_FALLBACK);

        Lookup<KmsState> refused = inventory.kmsState(plain);

        Lookup.Unknown<KmsState> unknown = assertInstanceOf(Lookup.Unknown.class, refused);
        assertTrue(unknown.reason().startsWith("ARM here does not offer API version 2026-07-01"), unknown.reason());

        LiveInventory other = h.inventory();
        fake.offerClusterApiVersions(ApiVersions.MANAGED_CLUSTERS);
        fake.forbidBelow("/subscriptions/" + SUB_A + "/providers/microsoft.containerservice");
        Lookup.Unknown<KmsState> denied = assertInstanceOf(Lookup.Unknown.class, other.kmsState(plain));
        assertTrue(denied.reason().startsWith("403 Forbidden listing the AKS clusters of subscription " + SUB_A),
                denied.reason());
    }

    @Test
    void settlingKms_whenArmFailsForNow_isUnavailable_soTheEventIsRetried() throws IOException {
        putEstate();
        LiveInventory inventory = h.inventory(s -> s.withMaxRetries(0));
        ManagedCluster plain = inventory.clusters().stream().filter(c -> c.name().equals("aks-plain")).findFirst()
                .orElseThrow();
        fake.script("/subscriptions/" + SUB_A + "/providers/Microsoft.ContainerService/managedClusters",
                FakeArm.Reply.status(503, "ServiceUnavailable"));

        Lookup.Unknown<KmsState> failed = assertInstanceOf(Lookup.Unknown.class, inventory.kmsState(plain));
        assertTrue(failed.retryable(), failed.reason());
    }

    private static final ResourceId ETCD_IDENTITY = ResourceId.parse("/subscriptions/" + SUB_A + "/resourceGroups/rg-keys"
            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etcd");

    /** getVault.json's shape with the connection of listPrivateEndpointConnection.json, named for this estate. */
    private static JsonObject vaultConnectedTo(ResourceId vault, ResourceId privateEndpoint, String status) {
        JsonObject body = Harness.vault(vault, true);
        body.getAsJsonObject("properties").add("privateEndpointConnections", JsonParser.parseString("[{\"id\": \""
                + vault + "/privateEndpointConnections/pec-1\", \"etag\": \"\", \"properties\": {\"privateEndpoint\":"
                + " {\"id\": \"" + privateEndpoint + "\"}, \"privateLinkServiceConnectionState\": {\"description\":"
                + " \"Auto-approved\", \"actionsRequired\": \"None\", \"status\": \"" + status + "\"},"
                + " \"provisioningState\": \"Succeeded\"}}]"));
        return body;
    }

    @Test
    void identityAndPrivatePathLookUps_areResourceGraphQueries_confirmedOnTheMappedRecords() throws IOException {
        putEstate();
        ResourceId lookalike = ResourceId.parse(ETCD_IDENTITY + "2");
        JsonObject other = Harness.cluster(clusterId(SUB_B, "aks-other"), null);
        other.add("identity", JsonParser.parseString("{\"type\": \"UserAssigned\", \"userAssignedIdentities\": {\""
                + lookalike + "\": {}}}"));
        fake.put(other);
        ResourceId setId = Harness.setId(SUB_B, "des-uami");
        JsonObject set = Harness.set(setId, "https://kv-legacy.vault.azure.net/keys/disk/1", null, null);
        set.add("identity", JsonParser.parseString("{\"type\": \"UserAssigned\", \"userAssignedIdentities\": {\""
                + ETCD_IDENTITY.toString().toLowerCase(java.util.Locale.ROOT) + "\": {\"principalId\":"
                + " \"d00dfeed-7777-4888-9999-aaaabbbbcccc\"}}}"));
        fake.put(set);
        ResourceId vault = ResourceId.parse(VAULT);
        ResourceId pe = ResourceId.parse("/subscriptions/" + SUB_A + "/resourceGroups/MC_rg_aks-cmk_westeurope/providers"
                + "/Microsoft.Network/privateEndpoints/kms-pe");
        fake.put(vaultConnectedTo(vault, pe, "Approved"));
        LiveInventory inventory = h.inventory();

        assertEquals(List.of(CMK), ids(inventory.clustersUsingIdentity(ETCD_IDENTITY)), "not the lookalike .../id-etcd2");
        assertEquals(List.of(setId), inventory.diskEncryptionSetsUsingIdentity(ETCD_IDENTITY).orNull().stream()
                .map(s -> s.id()).toList());
        assertEquals(List.of(CMK), ids(inventory.clustersWithPrivateKmsVault(vault)));
        assertEquals(List.of(vault), inventory.vaultsConnectedTo(pe).orNull().stream().map(v -> v.id()).toList());
        assertEquals(List.of(), inventory.vaultsConnectedTo(ResourceId.parse(pe + "-2")).orNull());
        assertEquals(0, fake.armGets().size(), "Resource Graph only");
        assertEquals(5, fake.graphRequests().size());
    }

    @Test
    void identityLookUp_whenResourceGraphFailsForNow_isUnavailable() throws IOException {
        putEstate();
        LiveInventory inventory = h.inventory(s -> s.withMaxRetries(0));
        fake.scriptGraph(FakeArm.Reply.status(503, "ServiceUnavailable"));

        Lookup.Unknown<?> failed = assertInstanceOf(Lookup.Unknown.class, inventory.clustersUsingIdentity(ETCD_IDENTITY));
        assertTrue(failed.retryable(), failed.reason());
        assertTrue(failed.reason().startsWith("clusters using identity id-etcd were not listed"), failed.reason());
    }

    private static List<ResourceId> ids(Lookup<List<ManagedCluster>> clusters) {
        return clusters.orNull().stream().map(ManagedCluster::id).toList();
    }
}
