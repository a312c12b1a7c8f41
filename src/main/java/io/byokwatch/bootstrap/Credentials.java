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

    static synchronized TokenCredential managed(Settings s) {
        if (credential == null) {
            credential = ArmCredentials.defaultFor(ArmCloud.parse(s.cloud()), System.getenv("AZURE_CLIENT_ID"));
        }
        return credential;
    }
}
