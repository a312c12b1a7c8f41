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

    private static final String SCALE_SET_VM_PREFIX = "/providers/microsoft.compute/virtualmachinescalesets/";
    private static final String SCALE_SET_VM_INFIX = "/virtualmachines/";
    private static final String VM_PREFIX = "/providers/microsoft.compute/virtualmachines/";
    private static final String SUBSCRIPTIONS = "/subscriptions/";
    private static final String RESOURCE_GROUPS = "/resourcegroups/";

    /** By {@link #groupKey}: an estate holds 100,000 disks, so the hot path builds no ids. */
    private final Map<String, List<ManagedCluster>> byNodeGroup = new HashMap<>();

    /** Indexes the clusters by node resource group; clusters whose node group is not known own nothing. */
    public DiskOwners(Collection<ManagedCluster> clusters) {
        for (ManagedCluster c : clusters) {
            ResourceId group = c.nodeResourceGroupId();
            if (group != null) {
                byNodeGroup.computeIfAbsent(groupKey(group), k -> new ArrayList<>()).add(c);
            }
        }
        // immutable, so that a disk's owners are these very lists (100,000 disks, a copy each, showed in profiles)
        byNodeGroup.replaceAll((k, v) -> List.copyOf(v));
    }

    /** The resource group ids a disk's owner could have as node resource group: its own, and its machines'. */
    public static Set<ResourceId> candidateGroups(ManagedDisk disk) {
        Set<ResourceId> groups = new LinkedHashSet<>();
        addGroup(groups, disk.id());
        for (ResourceId machine : disk.attachedTo()) {
            if (isMachine(machine)) {
                addGroup(groups, machine);
            }
        }
        return groups;
    }

    /** A VM scale set VM or a VM: what a node of an AKS pool is, and what mounts a disk. */
    static boolean isMachine(ResourceId id) {
        String k = id.key();
        int p = k.lastIndexOf("/providers/");
        if (p < 0) {
            return false;
        }
        if (k.startsWith(SCALE_SET_VM_PREFIX, p)) {
            int infix = k.indexOf(SCALE_SET_VM_INFIX, p + SCALE_SET_VM_PREFIX.length());
            return infix > p + SCALE_SET_VM_PREFIX.length() && k.indexOf('/', p + SCALE_SET_VM_PREFIX.length()) == infix
                    && infix + SCALE_SET_VM_INFIX.length() < k.length()
                    && k.indexOf('/', infix + SCALE_SET_VM_INFIX.length()) < 0;
        }
        return k.startsWith(VM_PREFIX, p) && k.length() > p + VM_PREFIX.length()
                && k.indexOf('/', p + VM_PREFIX.length()) < 0;
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
        String group = groupKey(disk.id());
        List<ManagedCluster> inItsGroup = byNodeGroup.getOrDefault(group, List.of());
        List<ResourceId> machines = disk.attachedTo();
        if (machines.isEmpty() || allIn(machines, group)) {
            return List.copyOf(inItsGroup);
        }
        Map<ResourceId, ManagedCluster> found = new LinkedHashMap<>();
        inItsGroup.forEach(c -> found.put(c.id(), c));
        for (ResourceId machine : machines) {
            if (isMachine(machine)) {
                byNodeGroup.getOrDefault(groupKey(machine), List.of()).forEach(c -> found.putIfAbsent(c.id(), c));
            }
        }
        return List.copyOf(found.values());
    }

    /** Every machine in this group (as a PV disk's scale set VM is in the disk's node group): nothing to add. */
    private static boolean allIn(List<ResourceId> machines, String group) {
        if (group.isEmpty()) {
            return false;
        }
        for (ResourceId m : machines) {
            String k = m.key();
            if (!(k.startsWith(group) && k.length() > group.length() && k.charAt(group.length()) == '/')) {
                return false;
            }
        }
        return true;
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
            byNodeGroup.getOrDefault(groupKey(g), List.of()).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        return List.copyOf(found.values());
    }

    /**
     * The lower-cased {@code /subscriptions/<s>/resourcegroups/<g>} an id starts with, cut from its comparison key
     * without parsing; "" for an id outside any group.
     */
    private static String groupKey(ResourceId id) {
        String k = id.key();
        if (!k.startsWith(SUBSCRIPTIONS)) {
            return "";
        }
        int subscriptionEnd = k.indexOf('/', SUBSCRIPTIONS.length());
        if (subscriptionEnd < 0 || !k.startsWith(RESOURCE_GROUPS, subscriptionEnd)
                || k.length() == subscriptionEnd + RESOURCE_GROUPS.length()) {
            return "";
        }
        int groupEnd = k.indexOf('/', subscriptionEnd + RESOURCE_GROUPS.length());
        return groupEnd < 0 ? k : k.substring(0, groupEnd);
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
