package io.byokwatch.bootstrap;

import com.azure.core.credential.TokenCredential;
import io.byokwatch.adapter.arm.ArmCloud;
import io.byokwatch.adapter.arm.ArmCredentials;

/**
 * The one identity byokwatch runs as, shared by ARM, Storage and Log Analytics clients: the user-assigned managed
 * identity named by AZURE_CLIENT_ID in Azure, developer credentials locally, with the cloud's authority host.
 */
final class Credentials {
    private static TokenCredential credential;

    private Credentials() {
    }

    static TokenCredential managed(Settings s) {
        return managed(s.cloud());
    }

    /** The process keeps one identity, so the first cloud asked for decides the authority host. */
    static synchronized TokenCredential managed(String cloud) {
        if (credential == null) {
            credential = ArmCredentials.defaultFor(ArmCloud.parse(cloud == null ? "AzureCloud" : cloud), System.getenv("AZURE_CLIENT_ID"));
        }
        return credential;
    }
}
