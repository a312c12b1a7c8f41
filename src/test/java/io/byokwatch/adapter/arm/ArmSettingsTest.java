package io.byokwatch.adapter.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArmSettingsTest {
    private static final TokenCredential NO_ENTRA = r -> Mono.just(new AccessToken("t", OffsetDateTime.MAX));
    private static final List<String> SUBS = List.of("00000000-0000-0000-0000-000000000000");

    @Test
    void eachCloud_readsItsOwnArmEndpoint() {
        assertEquals("https://management.azure.com", ArmSettings.of(ArmCloud.parse("AzureCloud"), SUBS, NO_ENTRA)
                .resourceManagerUrl());
        assertEquals("https://management.usgovcloudapi.net", ArmSettings.of(ArmCloud.parse("azureusgovernment"), SUBS,
                NO_ENTRA).resourceManagerUrl());
        assertEquals("https://management.chinacloudapi.cn", ArmSettings.of(ArmCloud.parse("AzureChinaCloud"), SUBS,
                NO_ENTRA).resourceManagerUrl());
    }

    @Test
    void customEndpoint_replacesTheClouds_andKeepsItsOtherEndpoints() {
        ArmSettings s = ArmSettings.of(ArmCloud.AZURE_US_GOVERNMENT, SUBS, NO_ENTRA)
                .withArmEndpoint(URI.create("https://arm.local.example:8443/"));

        assertEquals("https://arm.local.example:8443", s.resourceManagerUrl());
        assertEquals("https://arm.local.example:8443/", s.profile().getEnvironment().getResourceManagerEndpoint());
        assertEquals(ArmCloud.AZURE_US_GOVERNMENT.environment().getActiveDirectoryEndpoint(),
                s.environment().getActiveDirectoryEndpoint());
    }

    @Test
    void plainHttpEndpoint_isRefused_becauseTokensWouldTravelInClearText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArmSettings.of(ArmCloud.AZURE_CLOUD, SUBS, NO_ENTRA).withArmEndpoint(URI.create("http://localhost:1")));

        assertTrue(e.getMessage().contains("must be an https URL"), e.getMessage());
    }

    @Test
    void noSubscriptionAndNoManagementGroup_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArmSettings.of(ArmCloud.AZURE_CLOUD, List.of(" "), NO_ENTRA));
        assertThrows(IllegalArgumentException.class,
                () -> ArmSettings.forManagementGroup(ArmCloud.AZURE_CLOUD, "", NO_ENTRA));
        assertEquals("mg-1", ArmSettings.forManagementGroup(ArmCloud.AZURE_CLOUD, " mg-1 ", NO_ENTRA).managementGroupId());
    }

    @Test
    void defaults_areThirtySecondCacheAndFourRetries() {
        ArmSettings s = ArmSettings.of(ArmCloud.AZURE_CLOUD, SUBS, NO_ENTRA);

        assertEquals(java.time.Duration.ofSeconds(30), s.cacheTtl());
        assertEquals(4, s.maxRetries());
        assertThrows(IllegalArgumentException.class, () -> s.withReadsPerMinute(0));
        assertThrows(IllegalArgumentException.class, () -> s.withMaxRetries(11));
    }

    @Test
    void unknownCloudName_listsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArmCloud.parse("AzureGermanCloud"));

        assertEquals("'AzureGermanCloud' is not an Azure cloud; use one of AzureCloud, AzureUSGovernment, AzureChinaCloud",
                e.getMessage());
    }
}
