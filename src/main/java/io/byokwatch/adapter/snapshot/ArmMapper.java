package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
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
            Map.entry("microsoft.authorization/roleassignments", ResourceKind.ROLE_ASSIGNMENT),
            Map.entry("microsoft.authorization/roledefinitions", ResourceKind.ROLE_DEFINITION));

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
            ResourceKind kind = BY_TYPE.getOrDefault(type.toLowerCase(Locale.ROOT), ResourceKind.UNKNOWN);
            return kind == ResourceKind.ROLE_ASSIGNMENT && managedHsmLocal(o) ? ResourceKind.HSM_ROLE_ASSIGNMENT : kind;
        }
        String idText = scalar(o, "id");
        ResourceId id = ResourceId.orNull(idText);
        if (id != null && BY_TYPE.containsKey(id.type())) {
            ResourceKind kind = BY_TYPE.get(id.type());
            return kind == ResourceKind.ROLE_ASSIGNMENT && managedHsmLocal(o) ? ResourceKind.HSM_ROLE_ASSIGNMENT : kind;
        }
        JsonView view = JsonView.of(o);
        JsonElement material = view.raw("key");
        boolean hasKeyObject = material != null && material.isJsonObject() && scalar(material.getAsJsonObject(), "kid") != null;
        String kid = scalar(o, "kid");
        if (view.has("attributes") && (hasKeyObject || kid != null)) {
            // list-versions items carry a versioned kid and no key material; key list items a versionless kid
            KeyRef ref = hasKeyObject || kid == null ? null : Scalars.keyUrl(kid);
            return ref != null && ref.version() != null ? ResourceKind.KEY_VERSION : ResourceKind.VAULT_KEY;
        }
        if (view.has("lifetimeActions") && (idText == null
                || idText.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith("/rotationpolicy"))) {
            return ResourceKind.ROTATION_POLICY;
        }
        if (view.has("permissions") && view.has("roleName")) {
            return ResourceKind.ROLE_DEFINITION;
        }
        JsonElement properties = view.raw("properties");
        boolean flatAssignment = view.has("roleDefinitionId") && view.has("principalId") && view.has("scope");
        boolean wrappedAssignment = properties != null && properties.isJsonObject()
                && scalar(properties.getAsJsonObject(), "roleDefinitionId") != null;
        if (flatAssignment || wrappedAssignment) {
            return managedHsmLocal(o) ? ResourceKind.HSM_ROLE_ASSIGNMENT : ResourceKind.ROLE_ASSIGNMENT;
        }
        return ResourceKind.UNKNOWN;
    }

    /**
     * A Managed HSM local assignment: its scope is the HSM's own ({@code /}, {@code /keys}, {@code /keys/<name>}) and
     * its role definition id is the HSM's ({@code Microsoft.KeyVault/providers/...}), never an ARM scope.
     */
    static boolean managedHsmLocal(JsonObject o) {
        // kindOf never throws: a properties field that is no object is for the mapper to report on the record
        JsonElement properties = o.get("properties");
        JsonView body = JsonView.of(properties != null && properties.isJsonObject() ? properties.getAsJsonObject() : o);
        String scope = body.raw("scope") != null && body.raw("scope").isJsonPrimitive() ? body.raw("scope").getAsString() : null;
        String definition = body.raw("roleDefinitionId") != null && body.raw("roleDefinitionId").isJsonPrimitive()
                ? body.raw("roleDefinitionId").getAsString() : "";
        String s = scope == null ? "" : scope.trim().toLowerCase(Locale.ROOT);
        return definition.trim().toLowerCase(Locale.ROOT).startsWith("microsoft.keyvault/")
                || s.equals("/") || s.equals("/keys") || s.startsWith("/keys/");
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

    /** A cluster record whose API version is unknown unless the record names it ({@code apiVersion}). */
    public static ManagedCluster cluster(JsonObject o) {
        return ClusterMapping.cluster(JsonView.of(o));
    }

    /**
     * A cluster the caller read with this ARM API version, which decides whether a missing KMS data encryption block
     * means "not set" ({@link KmsApiVersions}); null for a record of unknown origin such as a Resource Graph row.
     */
    public static ManagedCluster cluster(JsonObject o, String readWithApiVersion) {
        return ClusterMapping.cluster(JsonView.of(o), readWithApiVersion);
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

    /**
     * A Managed HSM local role assignment, its scope mapped below the HSM's ARM id as {@link
     * io.byokwatch.port.Inventory#managedHsmRoleAssignments} describes.
     */
    public static RoleAssignment managedHsmRoleAssignment(JsonObject o, ResourceId hsmId) {
        return RoleAssignmentMapping.managedHsmRoleAssignment(JsonView.of(o), hsmId);
    }

    /** An Azure RBAC or Managed HSM role definition (ARM body or {@code az role definition list} item). */
    public static RoleDefinition roleDefinition(JsonObject o) {
        return RoleAssignmentMapping.roleDefinition(JsonView.of(o));
    }

    /** One version of a key: ARM {@code vaults/keys/versions}, {@code az keyvault key list-versions} or a versioned show. */
    public static VaultKey keyVersion(JsonObject o) {
        return KeyMapping.keyVersion(JsonView.of(o));
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
