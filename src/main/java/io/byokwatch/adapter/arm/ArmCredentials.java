package io.byokwatch.adapter.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

/** Builds the production credential: managed identity in Azure, developer sign-ins (az, azd, IDE) elsewhere. */
public final class ArmCredentials {
    private ArmCredentials() {
    }

    /**
     * {@code DefaultAzureCredential} against the cloud's Entra ID authority. Give the client id of a user-assigned
     * managed identity when the host has several; null or blank picks the system-assigned one.
     */
    public static TokenCredential defaultFor(ArmCloud cloud, String managedIdentityClientId) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                .authorityHost(cloud.environment().getActiveDirectoryEndpoint());
        if (managedIdentityClientId != null && !managedIdentityClientId.isBlank()) {
            builder.managedIdentityClientId(managedIdentityClientId.trim());
        }
        return builder.build();
    }
}
