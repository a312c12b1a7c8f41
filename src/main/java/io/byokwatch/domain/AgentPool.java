package io.byokwatch.domain;

/**
 * One node pool of a cluster. {@code encryptionAtHost} is null when the payload did not say (treated as off by the
 * rule, as ARM omits false values).
 */
public record AgentPool(ResourceId id, String name, Boolean encryptionAtHost, String osDiskType, String mode,
                        Integer count, String vmSize) {
}
