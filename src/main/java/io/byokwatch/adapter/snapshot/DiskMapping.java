package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Managed disks and disk snapshots, from ARM bodies ({@code properties.encryption}, {@code managedBy} at the top),
 * {@code az disk/snapshot list|show} output (flattened: {@code encryption}, {@code diskState} at the top) and Resource
 * Graph rows (ARM's shape with lower-cased types).
 *
 * <p>A record without any disk property (what {@code az resource list} and other generic listings return: id, name,
 * type, tags, {@code managedBy}) is a stub: its encryption is not known. A full record without an {@code encryption}
 * block gets Azure's default, the platform key, unless it is still being provisioned (a PUT's 202 body, e.g. the
 * REST example {@code Disk_Create_WithDiskEncryptionSet}, omits the block it asked for).
 */
final class DiskMapping {
    private static final String DISKS = "Microsoft.Compute/disks";
    private static final String SNAPSHOTS = "Microsoft.Compute/snapshots";
    /**
     * Properties every full disk or snapshot body has some of, in ARM's and az's spelling alike. Not
     * {@code provisioningState}: the generic listing ({@code az resource list}) prints it at the top of a stub too.
     */
    private static final List<String> BODY_MARKERS = List.of("diskState", "timeCreated", "creationData", "diskSizeGB",
            "diskSizeBytes", "uniqueId", "encryption");

    private DiskMapping() {
    }

    static ManagedDisk disk(JsonView root, Interner interner) {
        ResourceId id = requireType(root, DISKS, "disks");
        JsonView body = root.body();
        return new ManagedDisk(id, name(root, id), interner.text(root.text("location")),
                tags(root, id, interner), encryption(body, interner), id(root, "managedBy", interner),
                resourceIds(root, "managedByExtended", interner), interner.text(body.text("diskState")),
                body.instant("timeCreated"));
    }

    static DiskSnapshot snapshot(JsonView root, Interner interner) {
        ResourceId id = requireType(root, SNAPSHOTS, "snapshots");
        JsonView body = root.body();
        JsonView creation = body.object("creationData");
        return new DiskSnapshot(id, name(root, id), interner.text(root.text("location")),
                tags(root, id, interner), encryption(body, interner),
                creation == null ? null : id(creation, "sourceResourceId", interner), body.bool("incremental"),
                body.instant("timeCreated"));
    }

    /** The id's own copy of the name when they agree, as they do: one string fewer per disk. */
    private static String name(JsonView root, ResourceId id) {
        String name = ArmMapper.nameOf(root, id);
        return name.equals(id.name()) ? id.name() : name;
    }

    /**
     * Tag names and most values repeat on every disk the driver made; the PV name is the disk's own name. Sharing
     * them keeps 100,000 disks within a few hundred megabytes.
     */
    private static Tags tags(JsonView root, ResourceId id, Interner interner) {
        Map<String, String> tags = new LinkedHashMap<>();
        root.textMembers("tags").forEach((k, v) -> tags.put(interner.text(k),
                v.equals(id.name()) ? id.name() : interner.text(v)));
        return new Tags(tags);
    }

    private static DiskEncryption encryption(JsonView body, Interner interner) {
        JsonView block = body.object("encryption");
        if (block != null) {
            return DiskEncryption.reported(interner.text(block.text("type")),
                    id(block, "diskEncryptionSetId", interner));
        }
        if (BODY_MARKERS.stream().noneMatch(body::has)) {
            return DiskEncryption.NOT_IN_RECORD;
        }
        String provisioning = body.text("provisioningState");
        if (provisioning != null && !provisioning.equalsIgnoreCase("Succeeded")) {
            return DiskEncryption.NOT_IN_RECORD;
        }
        return DiskEncryption.PLATFORM_KEY_BY_DEFAULT;
    }

    /** An optional id field, through the load's interner; a value that is no ARM id is an error naming the field. */
    private static ResourceId id(JsonView view, String name, Interner interner) {
        String text = view.text(name);
        if (text == null) {
            return null;
        }
        ResourceId id = interner.id(text);
        return id != null ? id : view.resourceId(name);
    }

    private static ResourceId requireType(JsonView root, String type, String plural) {
        ResourceId id = root.requiredResourceId("id");
        if (!id.isType(type)) {
            throw new SnapshotFormatException("id: expected a " + type + " id .../providers/" + type + "/<name>, got "
                    + id + " (type " + plural + ")");
        }
        return id;
    }

    private static List<ResourceId> resourceIds(JsonView root, String name, Interner interner) {
        List<String> texts = root.texts(name);
        if (texts.isEmpty()) {
            return List.of();
        }
        List<ResourceId> ids = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ResourceId id = interner.id(texts.get(i));
            if (id == null) {
                throw new SnapshotFormatException(root.where(name) + "[" + i + "]: expected an Azure resource id"
                        + " (/subscriptions/...), got \"" + texts.get(i) + "\"");
            }
            ids.add(id);
        }
        return ids;
    }
}
