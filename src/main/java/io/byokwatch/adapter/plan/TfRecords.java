package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.KubernetesStorageClass;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlanGap.Fact;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.port.PlannedResource.Action;
import io.byokwatch.port.PlannedResource.Kind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the azurerm, azapi and kubernetes resources of a plan into domain records, across provider versions (v3
 * {@code enable_host_encryption} / {@code enable_rbac_authorization}, v4+ {@code host_encryption_enabled} /
 * {@code rbac_authorization_enabled}). Changed instances go to the planned layer, untouched ones to the state layer,
 * destroyed ones into the overlay as destroyed. An {@code azapi_resource} body is an ARM body, so it goes through
 * the snapshot mapper via {@link AzapiBodies}.
 */
final class TfRecords {
    static final Set<String> SET_TYPES = Set.of("azurerm_disk_encryption_set", "Microsoft.Compute/diskEncryptionSets");
    static final Set<String> KEY_TYPES = Set.of("azurerm_key_vault_key", "Microsoft.KeyVault/vaults/keys");
    static final Set<String> CLUSTER_TYPES = Set.of("azurerm_kubernetes_cluster", "Microsoft.ContainerService/managedClusters");

    private final TfResolver resolver;
    private final OverlayInventory overlay;
    private final PlanLayer planned;
    private final PlanLayer state;
    private final StandInIds standIns;
    final List<PlannedResource> resources = new ArrayList<>();
    final List<KubernetesStorageClass> storageClasses = new ArrayList<>();
    final List<PlanGap> gaps = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private Map<ResourceId, TfInstance> identitiesById;

    TfRecords(TfResolver resolver, OverlayInventory overlay, PlanLayer planned, PlanLayer state) {
        this.resolver = resolver;
        this.overlay = overlay;
        this.planned = planned;
        this.state = state;
        this.standIns = new StandInIds(overlay);
    }

    void mapAll() {
        for (TfInstance inst : resolver.plan().instances.values()) {
            String type = inst.type() == null ? "" : inst.type();
            if (inst.data()) {
                dataSource(inst, type);
                continue;
            }
            switch (type) {
                case "azurerm_kubernetes_cluster" -> cluster(inst);
                case "azurerm_kubernetes_cluster_node_pool" -> nodePool(inst);
                case "azurerm_disk_encryption_set" -> encryptionSet(inst);
                case "azurerm_key_vault" -> vault(inst);
                case "azurerm_key_vault_access_policy" -> accessPolicy(inst);
                case "azurerm_key_vault_key" -> key(inst);
                case "azurerm_role_assignment" -> roleAssignment(inst);
                case "kubernetes_storage_class", "kubernetes_storage_class_v1" -> storageClass(inst);
                case "azapi_resource" -> new AzapiBodies(resolver, this).map(inst);
                default -> { }
            }
        }
    }

    PlanLayer layer(TfInstance inst) {
        return inst.action().changes() ? planned : state;
    }

    StandInIds standIns() {
        return standIns;
    }

    OverlayInventory overlay() {
        return overlay;
    }

    void resource(TfInstance inst, Kind kind, ResourceId id, boolean losesHostEncryption, String vaultHost) {
        List<String> forcedBy = new ArrayList<>();
        if (inst.action() == Action.REPLACE) {
            inst.replacePaths().forEach(p -> forcedBy.add(TfReference.pathText(p)));
        }
        resources.add(new PlannedResource(inst.address().toString(), inst.type(), kind, id, inst.action(), forcedBy, null,
                losesHostEncryption, vaultHost));
    }

    void gap(TfInstance inst, ResourceId id, Fact fact, String reason) {
        gaps.add(new PlanGap(inst.address().toString(), id, fact, reason));
    }

    /** The ARM id the instance has or will have; a stand-in (and a note) when the plan does not allow one. */
    ResourceId id(TfInstance inst, String armType) {
        ResourceId id = ResourceId.orNull(resolver.armId(inst).text());
        if (id != null) {
            return id;
        }
        notes.add("the id of " + inst.address() + " cannot be told from the plan; it is shown as a stand-in");
        return standIns.id(armType, inst.address().toString());
    }

    private void cluster(TfInstance c) {
        ResourceId id = id(c, "Microsoft.ContainerService/managedClusters");
        boolean loses = losesHostEncryption(c, "default_node_pool", 0);
        resource(c, Kind.CLUSTER, id, loses, null);
        if (c.action() == Action.DELETE) {
            overlay.destroyed(id, c.address().toString());
            return;
        }
        String name = orElse(text(c, "name"), id.name());
        List<AgentPool> pools = new ArrayList<>();
        if (c.unknownAt(List.of("default_node_pool"))) {
            gap(c, id, Fact.HOST_ENCRYPTION, "the default node pool of " + c.address() + " is known only after apply");
        }
        List<JsonObject> defaults = Json.objects(c.known(List.of("default_node_pool")));
        if (!defaults.isEmpty()) {
            pools.add(pool(c, id, List.of("default_node_pool", 0), defaults.get(0), "System"));
        }
        ManagedCluster cluster = new ManagedCluster(id, name, text(c, "location"), new Tags(Json.textMap(c.known(List.of("tags")))),
                setId(c, id, "disk_encryption_set_id"), kms(c, id), pools, null);
        layer(c).cluster(cluster);
    }

    private void nodePool(TfInstance np) {
        Resolved cluster = resolver.resolveTyped(np, CLUSTER_TYPES, "kubernetes_cluster_id");
        ResourceId clusterId = ResourceId.orNull(cluster.text());
        String name = text(np, "name");
        boolean loses = losesHostEncryption(np);
        if (clusterId == null || name == null) {
            String reason = cluster instanceof Resolved.Open o ? o.reason() : "its cluster or name is known only after apply";
            gaps.add(new PlanGap(np.address().toString(), null, Fact.WHOLE_RESOURCE, "node pool " + np.address()
                    + " cannot be placed: " + reason));
            resource(np, Kind.NODE_POOL, null, loses, null);
            return;
        }
        ResourceId id = clusterId.child("agentPools", name);
        resource(np, Kind.NODE_POOL, id, loses, null);
        if (np.action() == Action.DELETE) {
            overlay.destroyed(id, np.address().toString());
            return;
        }
        JsonObject values = np.values();
        layer(np).pool(clusterId, pool(np, id, List.of(), values, text(np, "mode")));
    }

    private AgentPool pool(TfInstance inst, ResourceId owner, List<Object> at, JsonObject values, String mode) {
        String name = orElse(Json.text(values, "name"), "default");
        ResourceId poolId = owner.isType("Microsoft.ContainerService/managedClusters/agentPools") ? owner
                : owner.child("agentPools", name);
        List<Object> v4 = append(at, "host_encryption_enabled");
        List<Object> v3 = append(at, "enable_host_encryption");
        if (inst.unknownAt(v4) || inst.unknownAt(v3)) {
            gap(inst, poolId, Fact.HOST_ENCRYPTION, "encryption at host of node pool " + name + " (" + inst.address()
                    + ") is known only after apply");
        }
        Boolean hostEncryption = Json.bool(values.get("host_encryption_enabled"));
        if (hostEncryption == null) {
            hostEncryption = Json.bool(values.get("enable_host_encryption"));
        }
        Integer count = integer(values.get("node_count"));
        return new AgentPool(poolId, name, hostEncryption, Json.text(values, "os_disk_type"),
                mode == null ? Json.text(values, "mode") : mode, count, Json.text(values, "vm_size"));
    }

    /** A pool that had encryption at host before and will not have it after (v3 and v4+ names). */
    private static boolean losesHostEncryption(TfInstance inst, Object... at) {
        if (inst.before() == null || inst.action() == Action.NO_OP || inst.action() == Action.DELETE) {
            return false;
        }
        List<Object> path = List.of(at);
        JsonElement before = path.isEmpty() ? inst.before() : Json.at(inst.before(), path);
        JsonElement after = path.isEmpty() ? inst.values() : Json.at(inst.values(), path);
        return hostEncryption(before) && !hostEncryption(after);
    }

    private static boolean hostEncryption(JsonElement pool) {
        return pool != null && (Boolean.TRUE.equals(Json.bool(Json.at(pool, List.of("host_encryption_enabled"))))
                || Boolean.TRUE.equals(Json.bool(Json.at(pool, List.of("enable_host_encryption")))));
    }

    /** The cluster's disk encryption set id: absent, an id (planned or existing), or a stand-in the overlay knows is open. */
    ResourceId setId(TfInstance c, ResourceId clusterId, Object... path) {
        Resolved r = resolver.resolveTyped(c, SET_TYPES, path);
        if (r instanceof Resolved.Known k && k.value() == null) {
            return null;
        }
        ResourceId id = ResourceId.orNull(r.text());
        if (id != null) {
            return id;
        }
        String reason = r instanceof Resolved.Open o ? o.reason() : "the value \"" + r.text() + "\" is not an Azure resource id";
        return standIns.openId("Microsoft.Compute/diskEncryptionSets", c.address() + "." + TfReference.pathText(List.of(path)),
                "the disk encryption set of " + c.address() + " cannot be told from the plan: " + reason);
    }

    private KmsProfile kms(TfInstance c, ResourceId clusterId) {
        if (c.unknownAt(List.of("key_management_service"))) {
            gap(c, clusterId, Fact.KMS, "the key_management_service block of " + c.address() + " is known only after apply");
            return KmsProfile.NONE;
        }
        List<JsonObject> blocks = Json.objects(c.known(List.of("key_management_service")));
        if (blocks.isEmpty()) {
            return KmsProfile.NONE;
        }
        KeyRef key = keyRef(c, clusterId, "key_management_service", 0, "key_vault_key_id");
        String access = orElse(Json.text(blocks.get(0), "key_vault_network_access"), "Public");
        return new KmsProfile(true, key, access, null, null);
    }

    /** A key URL attribute: the key (planned or existing), or a stand-in whose vault the overlay knows is open. */
    KeyRef keyRef(TfInstance inst, ResourceId owner, Object... path) {
        Resolved r = resolver.resolveTyped(inst, KEY_TYPES, path);
        if (r instanceof Resolved.Known k && k.value() == null) {
            return null;
        }
        KeyRef ref = KeyRef.orNull(r.text());
        if (ref != null) {
            return ref;
        }
        String reason = r instanceof Resolved.Open o ? o.reason() : "the value \"" + r.text() + "\" is not a key URL";
        return standIns.openKey(inst.address() + "." + TfReference.pathText(List.of(path)),
                "the key of " + inst.address() + " cannot be told from the plan: " + reason);
    }

    private void encryptionSet(TfInstance s) {
        ResourceId id = id(s, "Microsoft.Compute/diskEncryptionSets");
        if (s.action() == Action.DELETE) {
            resource(s, Kind.DISK_ENCRYPTION_SET, id, false, null);
            overlay.destroyed(id, s.address().toString());
            return;
        }
        KeyRef key = keyRef(s, id, "key_vault_key_id");
        if (key == null && (s.known(List.of("managed_hsm_key_id")) != null || s.unknownAt(List.of("managed_hsm_key_id")))) {
            key = keyRef(s, id, "managed_hsm_key_id");
        }
        resource(s, Kind.DISK_ENCRYPTION_SET, id, false, key == null ? null : key.vaultHost());
        DiskEncryptionSet set = new DiskEncryptionSet(id, orElse(text(s, "name"), id.name()), text(s, "location"),
                text(s, "encryption_type"), key, null, Boolean.TRUE.equals(Json.bool(s.known(List.of("auto_key_rotation_enabled")))),
                null, null, null, identity(s, id), text(s, "federated_client_id"), null);
        layer(s).set(set);
    }

    /**
     * The managed identity of a set: a system-assigned principal the plan leaves to apply gets its stand-in, and a
     * user-assigned identity's principal comes from the identity resource in the plan.
     */
    private ManagedIdentity identity(TfInstance s, ResourceId id) {
        List<JsonObject> blocks = Json.objects(s.known(List.of("identity")));
        if (blocks.isEmpty()) {
            return ManagedIdentity.NONE;
        }
        String type = Json.text(blocks.get(0), "type");
        String principal = type != null && type.toLowerCase(Locale.ROOT).contains("systemassigned")
                ? resolver.resolve(s, "identity", 0, "principal_id").text() : null;
        Map<ResourceId, String> userAssigned = new LinkedHashMap<>();
        Resolved ids = resolver.resolve(s, "identity", 0, "identity_ids");
        List<String> identityIds = new ArrayList<>();
        if (ids instanceof Resolved.Known k && k.value() != null && k.value().isJsonArray()) {
            for (int i = 0; i < k.value().getAsJsonArray().size(); i++) {
                Resolved each = resolver.resolve(s, "identity", 0, "identity_ids", i);
                if (each.text() != null) {
                    identityIds.add(each.text());
                } else if (each instanceof Resolved.Open o) {
                    gap(s, id, Fact.KEY_ACCESS, "a user-assigned identity of " + s.address() + " cannot be told: " + o.reason());
                }
            }
        } else if (ids.text() != null) {
            identityIds.add(ids.text());
        } else if (ids instanceof Resolved.Open o) {
            gap(s, id, Fact.KEY_ACCESS, "the user-assigned identities of " + s.address() + " cannot be told: " + o.reason());
        }
        for (String identityId : identityIds) {
            ResourceId uai = ResourceId.orNull(identityId);
            if (uai != null) {
                userAssigned.put(uai, principalOf(uai));
            }
        }
        return new ManagedIdentity(type, principal, text(s, "identity", 0, "tenant_id"), userAssigned);
    }

    /** The principal id of a user-assigned identity the plan declares, or null (unknown to the rules). */
    private String principalOf(ResourceId identityId) {
        if (identitiesById == null) {
            identitiesById = new HashMap<>();
            for (TfInstance i : resolver.ofType("azurerm_user_assigned_identity")) {
                ResourceId uid = ResourceId.orNull(resolver.armId(i).text());
                if (uid != null) {
                    identitiesById.put(uid, i);
                }
            }
        }
        TfInstance identity = identitiesById.get(identityId);
        return identity == null ? null : resolver.resolve(identity, "principal_id").text();
    }

    private void vault(TfInstance v) {
        ResourceId id = id(v, "Microsoft.KeyVault/vaults");
        String host = resolver.vaultHost(v);
        if (host == null) {
            host = standIns.openHost(v.address().toString(), "the name of vault " + v.address() + " is known only after apply");
        }
        resource(v, Kind.KEY_VAULT, id, false, host);
        if (v.action() == Action.DELETE) {
            overlay.destroyed(id, v.address().toString());
            overlay.destroyedVault(host, v.address().toString());
            return;
        }
        if (v.action() == Action.CREATE || v.action() == Action.REPLACE) {
            overlay.newVault(host, v.address().toString());
        }
        if (v.unknownAt(List.of("purge_protection_enabled"))) {
            gap(v, id, Fact.PURGE_PROTECTION, "purge protection of " + v.address() + " is known only after apply");
        }
        List<AccessPolicy> policies = new ArrayList<>();
        List<JsonObject> entries = Json.objects(v.known(List.of("access_policy")));
        for (int i = 0; i < entries.size(); i++) {
            policies.add(policy(v, id, entries.get(i), List.of("access_policy", i)));
        }
        Boolean softDelete = Json.bool(v.known(List.of("soft_delete_enabled")));
        Boolean rbac = Json.bool(v.known(List.of("rbac_authorization_enabled")));
        if (rbac == null) {
            rbac = Json.bool(v.known(List.of("enable_rbac_authorization")));
        }
        Boolean publicAccess = Json.bool(v.known(List.of("public_network_access_enabled")));
        // azurerm 3.0 and later cannot turn soft delete off; only the 2.x soft_delete_enabled could
        KeyVault vault = new KeyVault(id, orElse(text(v, "name"), id.name()), host, false,
                softDelete == null ? Boolean.TRUE : softDelete, Json.bool(v.known(List.of("purge_protection_enabled"))),
                integer(v.known(List.of("soft_delete_retention_days"))), rbac, policies, text(v, "sku_name"),
                publicAccess == null ? null : publicAccess ? "Enabled" : "Disabled", text(v, "tenant_id"));
        layer(v).vault(vault);
    }

    private AccessPolicy policy(TfInstance inst, ResourceId about, JsonObject values, List<Object> at) {
        Object[] objectPath = append(at, "object_id").toArray();
        Resolved objectId = resolver.resolve(inst, objectPath);
        if (objectId instanceof Resolved.Open o) {
            gap(inst, about, Fact.KEY_ACCESS, "an access policy of " + inst.address() + " grants an object id that cannot be"
                    + " told from the plan: " + o.reason());
        }
        if (inst.unknownAt(append(at, "key_permissions"))) {
            gap(inst, about, Fact.KEY_ACCESS, "the key permissions of an access policy of " + inst.address()
                    + " are known only after apply");
        }
        return new AccessPolicy(Json.text(values, "tenant_id"), objectId.text(), Json.text(values, "application_id"),
                new HashSet<>(Json.texts(values.get("key_permissions"))));
    }

    private void accessPolicy(TfInstance p) {
        Resolved vault = resolver.resolveTyped(p, Set.of("azurerm_key_vault"), "key_vault_id");
        ResourceId vaultId = ResourceId.orNull(vault.text());
        if (vaultId == null) {
            gaps.add(new PlanGap(p.address().toString(), null, Fact.KEY_ACCESS, "access policy " + p.address()
                    + " names a vault that cannot be told from the plan"
                    + (vault instanceof Resolved.Open o ? ": " + o.reason() : "")));
            resource(p, Kind.ACCESS_POLICY, null, false, null);
            return;
        }
        String host = resolver.hostFor(vaultId, p);
        resource(p, Kind.ACCESS_POLICY, vaultId.child("accessPolicies", p.address().name()), false, host);
        if (p.action() == Action.DELETE) {
            String objectId = Json.text(p.values(), "object_id");
            if (objectId != null) {
                overlay.revokedPolicy(host, objectId);
            }
            return;
        }
        layer(p).accessPolicy(host, policy(p, vaultId, p.values(), List.of()));
    }

    private void key(TfInstance k) {
        Resolved vault = resolver.resolveTyped(k, Set.of("azurerm_key_vault"), "key_vault_id");
        ResourceId vaultId = ResourceId.orNull(vault.text());
        String name = text(k, "name");
        if (vaultId == null || name == null) {
            gaps.add(new PlanGap(k.address().toString(), null, Fact.WHOLE_RESOURCE, "key " + k.address()
                    + " cannot be placed: its vault or name is known only after apply"));
            resource(k, Kind.VAULT_KEY, null, false, null);
            return;
        }
        String host = resolver.hostFor(vaultId, k);
        ResourceId id = vaultId.child("keys", name);
        KeyRef ref = new KeyRef(host, name, null);
        resource(k, Kind.VAULT_KEY, id, false, host);
        if (k.action() == Action.DELETE) {
            overlay.destroyed(id, k.address().toString());
            overlay.destroyedKey(ref, k.address().toString());
            return;
        }
        if (k.unknownAt(List.of("expiration_date")) || k.unknownAt(List.of("not_before_date"))) {
            gap(k, id, Fact.KEY_VALIDITY, "the validity dates of key " + k.address() + " are known only after apply");
        }
        if (k.unknownAt(List.of("rotation_policy"))) {
            gap(k, id, Fact.KEY_ROTATION, "the rotation policy of key " + k.address() + " is known only after apply");
        }
        String version = Json.text(k.known(List.of("version")));
        boolean changing = k.action().changes();
        VaultKey key = new VaultKey(id, ref, version != null ? version : changing ? TfResolver.UNKNOWN_SEGMENT : null,
                changing ? Boolean.TRUE : null, instant(k, "not_before_date"), instant(k, "expiration_date"),
                text(k, "key_type"), integer(k.known(List.of("key_size"))), null, rotationPolicy(k), true, null);
        layer(k).key(key);
    }

    private static RotationPolicy rotationPolicy(TfInstance k) {
        List<JsonObject> blocks = Json.objects(k.known(List.of("rotation_policy")));
        if (blocks.isEmpty()) {
            return null;
        }
        JsonObject policy = blocks.get(0);
        List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
        for (JsonObject automatic : Json.objects(policy.get("automatic"))) {
            actions.add(new RotationPolicy.LifetimeAction("Rotate", Json.text(automatic, "time_after_creation"),
                    Json.text(automatic, "time_before_expiry")));
        }
        String notify = Json.text(policy, "notify_before_expiry");
        if (notify != null) {
            actions.add(new RotationPolicy.LifetimeAction("Notify", null, notify));
        }
        return new RotationPolicy(actions, Json.text(policy, "expire_after"));
    }

    private void roleAssignment(TfInstance a) {
        Resolved scope = resolver.resolveTyped(a, Set.of("azurerm_key_vault", "azurerm_key_vault_key"), "scope");
        ResourceId scopeId = ResourceId.orNull(scope.text());
        String knownId = Json.text(a.known(List.of("id")));
        String id = knownId != null ? knownId : orElse(resolver.armId(a).text(), "planned:" + a.address());
        resource(a, Kind.ROLE_ASSIGNMENT, ResourceId.orNull(id), false, null);
        if (a.action() == Action.DELETE) {
            overlay.revokedAssignment(id);
            return;
        }
        if (scopeId == null) {
            gaps.add(new PlanGap(a.address().toString(), null, Fact.KEY_ACCESS, "the scope of role assignment "
                    + a.address() + " cannot be told from the plan" + (scope instanceof Resolved.Open o ? ": " + o.reason() : "")));
            return;
        }
        Resolved principal = resolver.resolve(a, "principal_id");
        String definitionId = Json.text(a.known(List.of("role_definition_id")));
        String roleName = text(a, "role_definition_name");
        String guid = definitionId != null ? definitionId.replaceAll("/+$", "").replaceAll(".*/", "")
                : roleName == null ? null : BuiltInRoles.guid(roleName);
        if (principal.text() == null || guid == null) {
            gap(a, scopeId, Fact.KEY_ACCESS, "role assignment " + a.address() + " grants "
                    + (guid == null ? "a role byokwatch cannot identify (" + orElse(roleName, "unknown") + ")" : "a role")
                    + (principal.text() == null ? " to a principal that cannot be told from the plan" : ""));
        }
        layer(a).roleAssignment(new RoleAssignment(id, orElse(principal.text(), "(unknown principal of " + a.address() + ")"),
                text(a, "principal_type"), guid == null ? "" : guid.toLowerCase(Locale.ROOT), roleName, scopeId));
    }

    private void storageClass(TfInstance sc) {
        String name = orElse(text(sc, "metadata", 0, "name"), sc.address().name());
        ResourceId clusterId = new ProviderTargets(resolver).clusterOf(sc);
        ResourceId id = KubernetesStorageClass.idFor(clusterId, StandInIds.safe(name));
        resource(sc, Kind.STORAGE_CLASS, id, false, null);
        if (!sc.action().changes()) {
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>(Json.textMap(sc.known(List.of("parameters"))));
        if (sc.unknownAt(List.of("parameters"))) {
            gap(sc, id, Fact.WHOLE_RESOURCE, "the parameters of storage class " + sc.address() + " are known only after apply");
        }
        JsonObject unknownParameters = Json.object(sc.afterUnknown(), "parameters");
        if (unknownParameters != null) {
            for (String key : unknownParameters.keySet()) {
                Resolved value = resolver.resolveTyped(sc, SET_TYPES, "parameters", new TfReference.Key(key));
                parameters.put(key, value.text() != null ? value.text() : "(known after apply)");
            }
        }
        storageClasses.add(new KubernetesStorageClass(id, name, text(sc, "storage_provisioner"), parameters, clusterId));
    }

    /** Data sources name existing resources; their facts come from the base inventory, so they are only listed. */
    private void dataSource(TfInstance d, String type) {
        Kind kind = switch (type) {
            case "azurerm_kubernetes_cluster" -> Kind.CLUSTER;
            case "azurerm_disk_encryption_set" -> Kind.DISK_ENCRYPTION_SET;
            case "azurerm_key_vault" -> Kind.KEY_VAULT;
            case "azurerm_key_vault_key" -> Kind.VAULT_KEY;
            default -> null;
        };
        if (kind == null) {
            return;
        }
        ResourceId id = ResourceId.orNull(Json.text(d.known(List.of("id"))));
        if (kind == Kind.VAULT_KEY) {
            id = ResourceId.orNull(Json.text(d.known(List.of("resource_id"))));
        }
        String host = kind == Kind.KEY_VAULT && d.known(List.of("vault_uri")) != null ? resolver.vaultHost(d) : null;
        resources.add(new PlannedResource(d.address().toString(), type, kind, id, Action.READ, List.of(), null, false, host));
    }

    String text(TfInstance inst, Object... path) {
        return resolver.resolve(inst, path).text();
    }

    private static Instant instant(TfInstance inst, String attribute) {
        String text = Json.text(inst.known(List.of(attribute)));
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Integer integer(JsonElement e) {
        String t = Json.text(e);
        if (t == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(t).intValueExact();
        } catch (NumberFormatException | ArithmeticException notWhole) {
            return null;
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static JsonArray array(JsonElement e) {
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }
}
