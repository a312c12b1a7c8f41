package io.byokwatch.app;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;

/**
 * The KMS keys the event path remembers for a cluster in its verdict state: the last customer key KMS was seen using,
 * and the one it used before that. A key that served KMS stays load-bearing after KMS is turned off or moved to
 * platform-managed keys, and the previous key (or version) after a rotation is still needed until the next one ("KMS
 * uses two keys at the same time"), so neither may be forgotten while the cluster exists. Records know only what is
 * set now, so this memory is the only place either can come from.
 *
 * @param last     the last customer key seen in use, null when none was seen
 * @param previous the key in use before {@code last}, null when none was seen
 */
public record KmsKeyMemory(KeyRef last, KeyRef previous) {
    public static final KmsKeyMemory NONE = new KmsKeyMemory(null, null);

    /** What to remember after seeing the cluster as it is now: a new key in use pushes the last one back. */
    public KmsKeyMemory after(ManagedCluster now) {
        KeyRef current = now.kms().keyInUse();
        if (current == null) {
            return this;
        }
        if (last == null || same(last, current)) {
            return new KmsKeyMemory(current, previous);
        }
        return new KmsKeyMemory(current, last);
    }

    /**
     * The cluster as the rules should judge it: carrying the key it still depends on besides the one in use. With
     * KMS on, that is the key before the current one; with KMS off, platform-managed or unreadable, the last one.
     */
    public ManagedCluster apply(ManagedCluster now) {
        KeyRef current = now.kms().keyInUse();
        KeyRef former = current == null ? last : previous;
        return former == null ? now : now.withKms(now.kms().withFormerKey(former));
    }

    static boolean same(KeyRef a, KeyRef b) {
        return a.toString().equalsIgnoreCase(b.toString());
    }

    public boolean sameAs(KmsKeyMemory other) {
        return eq(last, other.last) && eq(previous, other.previous);
    }

    private static boolean eq(KeyRef a, KeyRef b) {
        return a == null ? b == null : b != null && same(a, b);
    }
}
