package io.byokwatch.app.keyuse;

import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.rules.KeyOperations;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUser;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes secrets in etcd: one key use for the customer key KMS uses now (the version {@code keyId} names for
 * legacy KMS; the key's current version for the versionless key of KMS data encryption), used by the cluster's identity
 * to encrypt and decrypt; and one for a key that served KMS before and is still load-bearing ({@link
 * KmsProfile#formerKey()}: the last key after KMS was turned off or moved to platform-managed keys, or the previous
 * key during the two-key window after a rotation), which no identity is judged on but whose key must stay usable.
 * Platform-managed KMS and KMS off reach no customer key; {@code aks-no-kms-etcd} judges them.
 *
 * <p>Legacy KMS runs only on a user-assigned identity, so a cluster on another kind gets no user here:
 * {@code kms-identity-not-user-assigned} is that finding (or says the record does not show the identity), and an
 * access check of an identity KMS cannot use would only repeat it. A record without the cluster's identity (built by
 * hand, planned) names no user either: whose access to judge is not known.
 */
public final class KmsKeyUses implements KeyUseBuilder {
    @Override
    public KeyPurpose purpose() {
        return KeyPurpose.KMS_ETCD;
    }

    @Override
    public List<KeyUse> build(ClusterScope scope) {
        ManagedCluster c = scope.cluster();
        KmsProfile kms = c.kms();
        List<KeyUse> uses = new ArrayList<>(2);
        KeyRef current = kms.keyInUse();
        if (current != null) {
            uses.add(scope.throughKey(KeyPurpose.KMS_ETCD, List.of(KeyConsumer.of(c)), current, users(c, current)));
        }
        // KMS turned off keeps keyId in the record: the key it names served KMS, so it is judged without any memory
        KeyRef former = kms.formerKey() != null ? kms.formerKey() : current == null ? kms.key() : null;
        if (former != null) {
            uses.add(scope.throughKey(KeyPurpose.KMS_ETCD, List.of(KeyConsumer.of(c)), former, List.of()));
        }
        return uses;
    }

    /** The identity KMS reaches the key as, needing encrypt and decrypt; none when KMS cannot run as it. */
    static List<KeyUser> users(ManagedCluster c, KeyRef key) {
        boolean legacy = key.version() != null;
        if (!c.identity().present() || (legacy && !c.identity().userAssignedType())) {
            return List.of();
        }
        return List.of(new KeyUser("KMS of cluster " + c.name(), c.id(), c.identity(), KeyOperations.ENCRYPT_DECRYPT));
    }
}
