package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KeyVersion;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.util.Locale;
import java.util.Map;

/**
 * The one place that turns ARM REST bodies, {@code az ... show/list} output and Resource Graph rows into domain
 * records, so that snapshot files and live reads are judged by the same facts. Both shapes are accepted for every
 * type: fields inside {@code properties} or flattened, names in any case, missing / null / "" alike, times as
 * ISO-8601 or epoch seconds. A value that cannot be read throws {@link SnapshotFormatException} naming the field.
 */
public final class ArmMapper {
    private static final Map<String, ResourceKind> BY_TYPE = Map.ofEntries(
            Map.entry("microsoft.containerservice/managedclusters", ResourceKind.MANAGED_CLUSTER),
            Map.entry("microsoft.containerservice/managedclusters/agentpools", ResourceKind.AGENT_POOL),
            Map.entry("microsoft.compute/diskencryptionsets", ResourceKind.DISK_ENCRYPTION_SET),
            Map.entry("microsoft.compute/disks", ResourceKind.MANAGED_DISK),
            Map.entry("microsoft.compute/snapshots", ResourceKind.DISK_SNAPSHOT),
            Map.entry("microsoft.keyvault/vaults", ResourceKind.KEY_VAULT),
            Map.entry("microsoft.keyvault/managedhsms", ResourceKind.MANAGED_HSM),
            Map.entry("microsoft.keyvault/vaults/keys", ResourceKind.VAULT_KEY),
            Map.entry("microsoft.keyvault/managedhsms/keys", ResourceKind.VAULT_KEY),
            Map.entry("microsoft.keyvault/vaults/keys/versions", ResourceKind.KEY_VERSION),
            Map.entry("microsoft.keyvault/managedhsms/keys/versions", ResourceKind.KEY_VERSION),
            Map.entry("microsoft.authorization/roleassignments", ResourceKind.ROLE_ASSIGNMENT));

    private ArmMapper() {
    }

    /**
     * Classifies by {@code type}, else by the type in the ARM {@code id} (the agent pool GET body has no type), else
     * by shape for data-plane output that has neither: keys, rotation policies, flattened role assignments.
     * Never throws: whatever it cannot place is {@link ResourceKind#UNKNOWN}.
     */
    public static ResourceKind kindOf(JsonObject o) {
        String type = scalar(o, "type");
        if (type != null && type.contains("/")) {
            return BY_TYPE.getOrDefault(type.toLowerCase(Locale.ROOT), ResourceKind.UNKNOWN);
        }
        String idText = scalar(o, "id");
        ResourceId id = ResourceId.orNull(idText);
        if (id != null && BY_TYPE.containsKey(id.type())) {
            return BY_TYPE.get(id.type());
        }
        JsonView view = JsonView.of(o);
        JsonElement material = view.raw("key");
        boolean hasKid = scalar(o, "kid") != null
                || (material != null && material.isJsonObject() && scalar(material.getAsJsonObject(), "kid") != null);
        if (hasKid && view.has("attributes")) {
            // list-versions items are key properties whose kid names a version; list and list-deleted items are not
            KeyRef kid = material == null ? Scalars.keyUrl(scalar(o, "kid")) : null;
            return kid != null && kid.version() != null ? ResourceKind.KEY_VERSION : ResourceKind.VAULT_KEY;
        }
        if (view.has("lifetimeActions") && idText != null
                && idText.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith("/rotationpolicy")) {
            return ResourceKind.ROTATION_POLICY;
        }
        JsonElement properties = view.raw("properties");
        boolean flatAssignment = view.has("roleDefinitionId") && view.has("principalId") && view.has("scope");
        boolean wrappedAssignment = properties != null && properties.isJsonObject()
                && scalar(properties.getAsJsonObject(), "roleDefinitionId") != null;
        return flatAssignment || wrappedAssignment ? ResourceKind.ROLE_ASSIGNMENT : ResourceKind.UNKNOWN;
    }

    /** The lower-cased type to count an unrecognised object under. */
    static String typeLabel(JsonObject o) {
        String type = scalar(o, "type");
        if (type != null && type.contains("/")) {
            return type.toLowerCase(Locale.ROOT);
        }
        ResourceId id = ResourceId.orNull(scalar(o, "id"));
        return id != null && !id.type().isEmpty() ? id.type() : "(no ARM type)";
    }

    public static ManagedCluster cluster(JsonObject o) {
        return ClusterMapping.cluster(JsonView.of(o));
    }

    /** A separately read node pool; its cluster is {@code id.topLevel()}. */
    public static AgentPool agentPool(JsonObject o) {
        return ClusterMapping.agentPool(JsonView.of(o));
    }

    public static DiskEncryptionSet diskEncryptionSet(JsonObject o) {
        return EncryptionSetMapping.diskEncryptionSet(JsonView.of(o));
    }

    /** A managed disk: ARM body, {@code az disk list/show} item or Resource Graph row. */
    public static ManagedDisk disk(JsonObject o) {
        return DiskMapping.disk(JsonView.of(o), Interner.NONE);
    }

    /** As {@link #disk(JsonObject)}, sharing repeated ids and tag text with the other records of one load. */
    static ManagedDisk disk(JsonObject o, Interner interner) {
        return DiskMapping.disk(JsonView.of(o), interner);
    }

    /** A disk snapshot: ARM body, {@code az snapshot list/show} item or Resource Graph row. */
    public static DiskSnapshot diskSnapshot(JsonObject o) {
        return DiskMapping.snapshot(JsonView.of(o), Interner.NONE);
    }

    static DiskSnapshot diskSnapshot(JsonObject o, Interner interner) {
        return DiskMapping.snapshot(JsonView.of(o), interner);
    }

    /** A key vault or a Managed HSM pool. */
    public static KeyVault vault(JsonObject o) {
        return VaultMapping.vault(JsonView.of(o), kindOf(o) == ResourceKind.MANAGED_HSM);
    }

    /** ARM {@code vaults/keys} (rotation policy known, even when omitted) or data-plane key output (not known). */
    public static VaultKey key(JsonObject o) {
        return KeyMapping.key(JsonView.of(o));
    }

    /** One key version, from ARM {@code vaults/keys/versions} or {@code az keyvault key list-versions}. */
    public static KeyVersion keyVersion(JsonObject o) {
        return KeyMapping.version(JsonView.of(o));
    }

    /** The data-plane policy document, or the {@code rotationPolicy} object of an ARM key. */
    public static RotationPolicy rotationPolicy(JsonObject o) {
        return KeyMapping.rotationPolicy(JsonView.of(o));
    }

    /** The versionless key a data-plane rotation policy belongs to, read from its {@code id}. */
    public static KeyRef rotationPolicyKey(JsonObject o) {
        return KeyMapping.rotationPolicyKey(JsonView.of(o));
    }

    public static RoleAssignment roleAssignment(JsonObject o) {
        return RoleAssignmentMapping.roleAssignment(JsonView.of(o));
    }

    static String nameOf(JsonView root, ResourceId id) {
        String name = root.text("name");
        return name == null ? id.name() : name;
    }

    private static String scalar(JsonObject o, String name) {
        JsonElement e = JsonView.of(o).raw(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
