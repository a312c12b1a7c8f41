package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.rules.KeyUse;

/** What the KMS rules share: which KMS key use is the key in use, and the documented re-encryption step. */
final class Kms {
    /** AKS "KMS etcd encryption": secrets are encrypted with the new key only once they are written again. */
    static final String REENCRYPT = "kubectl get secrets --all-namespaces -o json | kubectl replace -f -";

    private Kms() {
    }

    /** The KMS key use of the key KMS uses now (not a key it used before). */
    static boolean current(KeyUse use) {
        KeyRef now = use.cluster().kms().keyInUse();
        return use.purpose() == KeyPurpose.KMS_ETCD && now != null && use.keyRef() != null
                && now.toString().equalsIgnoreCase(use.keyRef().toString());
    }

    /** A KMS key use of a key that served KMS before: still needed to read what was written with it. */
    static boolean former(KeyUse use) {
        return use.purpose() == KeyPurpose.KMS_ETCD && !current(use);
    }

    /** Legacy KMS: a versioned {@code keyId}, which AKS uses as written and never moves to a newer version. */
    static boolean legacy(KeyUse use) {
        return use.keyRef() != null && use.keyRef().version() != null;
    }

    /** {@code az aks update} that points legacy KMS at a new key version, keeping the network mode. */
    static String pointAt(ManagedCluster c, String keyIdVariable) {
        String cmd = "az aks update -g " + Bash.q(c.resourceGroup()) + " -n " + Bash.q(c.name())
                + " --enable-azure-keyvault-kms --azure-keyvault-kms-key-id \"$" + keyIdVariable + "\""
                + " --azure-keyvault-kms-key-vault-network-access " + c.kms().effectiveNetworkAccess();
        if (c.kms().privateVaultNetwork() && c.kms().keyVaultResourceId() != null) {
            cmd += " --azure-keyvault-kms-key-vault-resource-id " + Bash.q(c.kms().keyVaultResourceId());
        }
        return cmd;
    }
}
