package io.byokwatch.adapter.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.byokwatch.adapter.snapshot.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ArmMapperKindTest {
    private static final String RG = "/subscriptions/s1/resourceGroups/rg/providers/";

    @ParameterizedTest
    @CsvSource({
            "Microsoft.ContainerService/managedClusters, MANAGED_CLUSTER",
            "microsoft.containerservice/managedclusters, MANAGED_CLUSTER",
            "Microsoft.ContainerService/ManagedClusters, MANAGED_CLUSTER",
            "Microsoft.ContainerService/managedClusters/agentPools, AGENT_POOL",
            "Microsoft.Compute/diskEncryptionSets, DISK_ENCRYPTION_SET",
            "Microsoft.KeyVault/vaults, KEY_VAULT",
            "Microsoft.KeyVault/managedHSMs, MANAGED_HSM",
            "Microsoft.KeyVault/vaults/keys, VAULT_KEY",
            "Microsoft.Authorization/roleAssignments, ROLE_ASSIGNMENT",
            "Microsoft.Network/virtualNetworks, UNKNOWN",
    })
    void typeDecides_caseInsensitively(String type, ResourceKind kind) {
        assertEquals(kind, ArmMapper.kindOf(parse("{\"type\": \"" + type + "\", \"id\": \"" + RG + "x/y/z\"}")));
    }

    @ParameterizedTest
    @CsvSource({
            "Microsoft.ContainerService/managedClusters/c1/agentPools/np1, AGENT_POOL",
            "Microsoft.Compute/diskEncryptionSets/des1, DISK_ENCRYPTION_SET",
            "Microsoft.KeyVault/managedHSMs/hsm1, MANAGED_HSM",
            "microsoft.keyvault/VAULTS/kv1/keys/k1, VAULT_KEY",
            "Microsoft.Network/virtualNetworks/vnet1, UNKNOWN",
    })
    void withoutType_theIdDecides(String path, ResourceKind kind) {
        assertEquals(kind, ArmMapper.kindOf(parse("{\"id\": \"" + RG + path + "\"}")));
    }

    @Test
    void poolTypeFromAzFlattening_isNotAnArmType_soTheIdDecides() {
        assertEquals(ResourceKind.AGENT_POOL, ArmMapper.kindOf(parse("{\"type\": \"VirtualMachineScaleSets\", \"id\": \""
                + RG + "Microsoft.ContainerService/managedClusters/c1/agentPools/np1\"}")));
    }

    @Test
    void dataPlaneKeyShowAndListItems_areKeys() {
        assertEquals(ResourceKind.VAULT_KEY, ArmMapper.kindOf(parse(
                "{\"key\": {\"kid\": \"https://kv.vault.azure.net/keys/k/v1\"}, \"attributes\": {\"enabled\": true}}")));
        assertEquals(ResourceKind.VAULT_KEY, ArmMapper.kindOf(parse(
                "{\"kid\": \"https://kv.vault.azure.net/keys/k\", \"attributes\": {}, \"name\": \"k\"}")));
    }

    @Test
    void kidWithoutAttributes_isNotAKey() {
        assertEquals(ResourceKind.UNKNOWN, ArmMapper.kindOf(parse("{\"kid\": \"https://kv.vault.azure.net/keys/k\"}")));
    }

    @Test
    void lifetimeActionsOnlyCountWithARotationPolicyId() {
        assertEquals(ResourceKind.ROTATION_POLICY, ArmMapper.kindOf(parse(
                "{\"id\": \"https://kv.vault.azure.net/keys/k/rotationpolicy\", \"lifetimeActions\": []}")));
        assertEquals(ResourceKind.UNKNOWN, ArmMapper.kindOf(parse(
                "{\"id\": \"https://kv.vault.azure.net/keys/k\", \"lifetimeActions\": []}")));
    }

    @Test
    void roleAssignmentsWithoutType_areRecognisedFlattenedOrWrapped() {
        assertEquals(ResourceKind.ROLE_ASSIGNMENT, ArmMapper.kindOf(parse(
                "{\"id\": \"/x\", \"roleDefinitionId\": \"/r\", \"principalId\": \"p\", \"scope\": \"/subscriptions/s1\"}")));
        assertEquals(ResourceKind.ROLE_ASSIGNMENT, ArmMapper.kindOf(parse(
                "{\"id\": \"/x\", \"properties\": {\"roleDefinitionId\": \"/r\"}}")));
        assertEquals(ResourceKind.UNKNOWN, ArmMapper.kindOf(parse(
                "{\"id\": \"/x\", \"roleDefinitionId\": \"/r\", \"principalId\": null, \"scope\": \"/subscriptions/s1\"}")));
    }

    @Test
    void oddValues_areUnknownRatherThanAnError() {
        assertEquals(ResourceKind.UNKNOWN, ArmMapper.kindOf(parse("{\"type\": {\"nested\": true}, \"id\": 42}")));
        assertEquals(ResourceKind.UNKNOWN, ArmMapper.kindOf(parse("{}")));
        assertEquals(ResourceKind.UNKNOWN, ArmMapper.kindOf(parse("{\"key\": \"text\", \"attributes\": {}}")));
        assertEquals(ResourceKind.ROLE_ASSIGNMENT, ArmMapper.kindOf(parse(
                "{\"type\": \"Microsoft.Authorization/roleAssignments\", \"properties\": \"ServicePrincipal\"}")));
    }

    @Test
    void skippedObjectsAreLabelledByTheirType() {
        assertEquals("microsoft.network/virtualnetworks",
                ArmMapper.typeLabel(parse("{\"type\": \"Microsoft.Network/virtualNetworks\"}")));
        assertEquals("microsoft.storage/storageaccounts",
                ArmMapper.typeLabel(parse("{\"id\": \"" + RG + "Microsoft.Storage/storageAccounts/sa1\"}")));
        assertEquals("(no ARM type)", ArmMapper.typeLabel(parse("{\"id\": \"https://kv.vault.azure.net/secrets/s\"}")));
    }
}
