package io.byokwatch.domain;

/**
 * One node pool of a cluster. {@code encryptionAtHost} is null when the payload did not say (treated as off by the
 * rule, as ARM omits false values). {@code osType} is {@code Linux} or {@code Windows}, null when not said (ARM's
 * default is Linux): Windows pools have shorter names and need {@code --os-type Windows} when re-created.
 */
public record AgentPool(ResourceId id, String name, Boolean encryptionAtHost, String osDiskType, String mode,
                        Integer count, String vmSize, String osType) {

    public AgentPool(ResourceId id, String name, Boolean encryptionAtHost, String osDiskType, String mode, Integer count,
                     String vmSize) {
        this(id, name, encryptionAtHost, osDiskType, mode, count, vmSize, null);
    }

    public boolean windows() {
        return "windows".equalsIgnoreCase(osType);
    }
}
