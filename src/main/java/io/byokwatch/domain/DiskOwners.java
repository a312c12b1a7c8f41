package io.byokwatch.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which clusters a disk or snapshot provably belongs to. A disk belongs to a cluster when it sits in the cluster's node
 * resource group (same subscription; names compare case-insensitively), or when a machine it is attached to (a VM
 * scale set VM, or a VM of an AKS {@code VirtualMachines} pool) sits there: a StorageClass may put disks in any group
 * or subscription, but only the cluster's nodes mount them. A snapshot belongs to the clusters of the group it sits in
 * and of the disk it copies. Nothing is guessed: a disk elsewhere, unattached, belongs to no cluster.
 */
public final class DiskOwners {
    private static final String SCALE_SET_VM = "microsoft.compute/virtualmachinescalesets/virtualmachines";
    private static final String VM = "microsoft.compute/virtualmachines";

    private final Map<ResourceId, List<ManagedCluster>> byNodeGroup = new HashMap<>();

    /** Indexes the clusters by node resource group; clusters whose node group is not known own nothing. */
    public DiskOwners(Collection<ManagedCluster> clusters) {
        for (ManagedCluster c : clusters) {
            ResourceId group = c.nodeResourceGroupId();
            if (group != null) {
                byNodeGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(c);
            }
        }
    }

    /** The resource group ids a disk's owner could have as node resource group: its own, and its machines'. */
    public static Set<ResourceId> candidateGroups(ManagedDisk disk) {
        Set<ResourceId> groups = new LinkedHashSet<>();
        addGroup(groups, disk.id());
        for (ResourceId machine : disk.attachedTo()) {
            if (machine.isType(SCALE_SET_VM) || machine.isType(VM)) {
                addGroup(groups, machine);
            }
        }
        return groups;
    }

    /**
     * The groups a snapshot's owner could have as node resource group: its own, the group of the disk it copies, and,
     * when that disk is known, the groups of the machines it is attached to.
     */
    public static Set<ResourceId> candidateGroups(DiskSnapshot snapshot, ManagedDisk sourceDisk) {
        Set<ResourceId> groups = new LinkedHashSet<>();
        addGroup(groups, snapshot.id());
        ResourceId source = snapshot.sourceDiskId();
        if (source != null) {
            addGroup(groups, source);
        }
        if (sourceDisk != null) {
            groups.addAll(candidateGroups(sourceDisk));
        }
        return groups;
    }

    /** The resource group an id lies in, as an id of its own ({@code /subscriptions/s/resourceGroups/g}), or null. */
    public static ResourceId groupOf(ResourceId id) {
        if (id.subscriptionId() == null || id.resourceGroup() == null) {
            return null;
        }
        return ResourceId.orNull("/subscriptions/" + id.subscriptionId() + "/resourceGroups/" + id.resourceGroup());
    }

    /** The clusters the disk belongs to, by id; usually one, none for an orphan. */
    public List<ManagedCluster> owners(ManagedDisk disk) {
        return clustersIn(candidateGroups(disk));
    }

    /** The clusters the snapshot belongs to; {@code disks} finds the source disk by id (null when not known). */
    public List<ManagedCluster> owners(DiskSnapshot snapshot, Function<ResourceId, ManagedDisk> disks) {
        ResourceId source = snapshot.sourceDiskId();
        return clustersIn(candidateGroups(snapshot, source == null ? null : disks.apply(source)));
    }

    /** The clusters whose node resource group is one of these groups. */
    public List<ManagedCluster> clustersIn(Collection<ResourceId> groups) {
        Map<ResourceId, ManagedCluster> found = new LinkedHashMap<>();
        for (ResourceId g : groups) {
            byNodeGroup.getOrDefault(g, List.of()).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        return List.copyOf(found.values());
    }

    /** True when the cluster owns the disk. */
    public static boolean owns(ManagedCluster cluster, ManagedDisk disk) {
        ResourceId group = cluster.nodeResourceGroupId();
        return group != null && candidateGroups(disk).contains(group);
    }

    private static void addGroup(Set<ResourceId> groups, ResourceId id) {
        ResourceId g = groupOf(id);
        if (g != null) {
            groups.add(g);
        }
    }
}
