package io.byokwatch.port;

import io.byokwatch.domain.ResourceId;

/**
 * A fact a plan or template cannot supply: the value is computed in a way byokwatch does not follow (a local value,
 * a function of several resources, a template function it does not evaluate). The rules that read the fact are not
 * evaluated on {@code resourceId}, with {@code reason}, rather than read it as absent.
 */
public record PlanGap(String address, ResourceId resourceId, Fact fact, String reason) {

    /** The facts a plan can leave open, each read by known rules. */
    public enum Fact {
        /** Nothing about the resource could be read: every rule on it. */
        WHOLE_RESOURCE,
        DISK_ENCRYPTION_SET,
        KMS,
        HOST_ENCRYPTION,
        PURGE_PROTECTION,
        KEY_ACCESS,
        KEY_VALIDITY,
        KEY_ROTATION,
        KEY_TYPE
    }
}
