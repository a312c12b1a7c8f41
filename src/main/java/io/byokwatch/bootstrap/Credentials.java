package io.byokwatch.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

/** The identity byokwatch runs as: managed identity in Azure, developer credentials locally (DefaultAzureCredential). */
final class Credentials {
    private static TokenCredential credential;

    private Credentials() {
    }

    static synchronized TokenCredential managed() {
        if (credential == null) {
            String clientId = System.getenv("AZURE_CLIENT_ID");
            DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
            if (clientId != null && !clientId.isBlank()) {
                b.managedIdentityClientId(clientId);
            }
            credential = b.build();
        }
        return credential;
    }
}
