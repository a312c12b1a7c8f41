package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.ResourceKind;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.port.PlanGap.Fact;
import io.byokwatch.port.PlannedResource.Action;
import io.byokwatch.port.PlannedResource.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An {@code azapi_resource} is an ARM resource whose {@code body} is the ARM body (an object in azapi 2.x, a JSON
 * string in 1.x), so it is mapped by the snapshot's ARM mapper, after the body's unknown members are followed
 * through the configuration and identities the plan leaves to apply are given their stand-ins.
 */
final class AzapiBodies {
    private final TfResolver resolver;
    private final TfRecords records;

    AzapiBodies(TfResolver resolver, TfRecords records) {
        this.resolver = resolver;
        this.records = records;
    }

    void map(TfInstance inst) {
        String typeWithVersion = Json.text(inst.known(List.of("type")));
        if (typeWithVersion == null) {
            return;
        }
        String armType = typeWithVersion.contains("@") ? typeWithVersion.substring(0, typeWithVersion.indexOf('@'))
                : typeWithVersion;
        JsonObject probe = new JsonObject();
        probe.addProperty("type", armType);
        ResourceKind kind = ArmMapper.kindOf(probe);
        if (kind == ResourceKind.UNKNOWN || kind == ResourceKind.MANAGED_HSM) {
            return;
        }
        ResourceId id = records.id(inst, armType);
        Kind planKind = switch (kind) {
            case MANAGED_CLUSTER -> Kind.CLUSTER;
            case AGENT_POOL -> Kind.NODE_POOL;
            case DISK_ENCRYPTION_SET -> Kind.DISK_ENCRYPTION_SET;
            case KEY_VAULT -> Kind.KEY_VAULT;
            case VAULT_KEY -> Kind.VAULT_KEY;
            default -> Kind.ROLE_ASSIGNMENT;
        };
        if (inst.action() == Action.DELETE) {
            records.resource(inst, planKind, id, false, null);
            records.overlay().destroyed(id, inst.address().toString());
            return;
        }
        JsonObject body = body(inst, id);
        if (body == null) {
            records.resource(inst, planKind, id, false, null);
            String reason = "the body of " + inst.address() + " is known only after apply (a jsonencode() of values"
                    + " computed at apply); azapi 2.x takes the body as an object and keeps its known parts in the plan";
            records.gap(inst, id, Fact.WHOLE_RESOURCE, reason);
            if (kind == ResourceKind.MANAGED_CLUSTER) {
                ResourceId set = records.standIns().openId("Microsoft.Compute/diskEncryptionSets", inst.address() + ".body", reason);
                records.layer(inst).cluster(new ManagedCluster(id, orName(inst, id), records.text(inst, "location"),
                        Tags.NONE, set, KmsProfile.NONE, List.of(), null));
            }
            return;
        }
        JsonObject arm = new JsonObject();
        arm.addProperty("id", id.toString());
        arm.addProperty("name", orName(inst, id));
        arm.addProperty("type", armType);
        String location = records.text(inst, "location");
        if (location != null) {
            arm.addProperty("location", location);
        }
        JsonElement tags = inst.known(List.of("tags"));
        if (tags != null && tags.isJsonObject()) {
            arm.add("tags", tags);
        }
        JsonObject identity = identity(inst);
        if (identity != null) {
            arm.add("identity", identity);
        }
        for (Map.Entry<String, JsonElement> e : body.entrySet()) {
            if (!arm.has(e.getKey())) {
                arm.add(e.getKey(), e.getValue());
            }
        }
        try {
            add(inst, kind, planKind, arm, id);
        } catch (SnapshotFormatException e) {
            records.resource(inst, planKind, id, false, null);
            records.gap(inst, id, Fact.WHOLE_RESOURCE, "the body of " + inst.address() + " cannot be read: " + e.getMessage());
        }
    }

    private void add(TfInstance inst, ResourceKind kind, Kind planKind, JsonObject arm, ResourceId id) {
        PlanLayer layer = records.layer(inst);
        switch (kind) {
            case MANAGED_CLUSTER -> {
                ManagedCluster c = ArmMapper.cluster(arm);
                records.resource(inst, planKind, id, false, null);
                layer.cluster(c);
            }
            case AGENT_POOL -> {
                AgentPool pool = ArmMapper.agentPool(arm);
                records.resource(inst, planKind, id, false, null);
                layer.pool(pool.id().topLevel(), pool);
            }
            case DISK_ENCRYPTION_SET -> {
                DiskEncryptionSet s = ArmMapper.diskEncryptionSet(arm);
                records.resource(inst, planKind, id, false, s.activeKey() == null ? null : s.activeKey().vaultHost());
                layer.set(s);
            }
            case KEY_VAULT -> {
                KeyVault v = ArmMapper.vault(arm);
                records.resource(inst, planKind, id, false, v.host());
                if (inst.action() == Action.CREATE || inst.action() == Action.REPLACE) {
                    records.overlay().newVault(v.host(), inst.address().toString());
                }
                layer.vault(v);
            }
            case VAULT_KEY -> {
                var key = ArmMapper.key(arm);
                records.resource(inst, planKind, id, false, key.ref().vaultHost());
                layer.key(key);
            }
            default -> {
                var assignment = ArmMapper.roleAssignment(arm);
                records.resource(inst, planKind, id, false, null);
                layer.roleAssignment(assignment);
            }
        }
    }

    /** The body with its unknown members followed; null when the whole body is known only after apply. */
    private JsonObject body(TfInstance inst, ResourceId id) {
        JsonElement known = inst.known(List.of("body"));
        if (known != null && known.isJsonPrimitive()) {
            try {
                known = JsonParser.parseString(known.getAsString());
            } catch (JsonParseException e) {
                records.gap(inst, id, Fact.WHOLE_RESOURCE, "the body of " + inst.address() + " is not JSON: " + e.getMessage());
                return null;
            }
        }
        if (known == null || !known.isJsonObject()) {
            return inst.unknownAt(List.of("body")) || known == null ? null : new JsonObject();
        }
        JsonObject body = known.getAsJsonObject().deepCopy();
        JsonElement unknown = Json.object(inst.afterUnknown(), "body");
        fill(inst, id, body, unknown, new ArrayList<>());
        return body;
    }

    /** Follows each member the plan marks unknown; what matters to a rule and cannot be followed is a gap. */
    private void fill(TfInstance inst, ResourceId id, JsonElement target, JsonElement unknown, List<Object> at) {
        if (unknown == null || target == null) {
            return;
        }
        if (unknown.isJsonObject() && target.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : unknown.getAsJsonObject().entrySet()) {
                List<Object> path = new ArrayList<>(at);
                path.add(e.getKey());
                if (Boolean.TRUE.equals(Json.bool(e.getValue()))) {
                    leaf(inst, id, target.getAsJsonObject(), e.getKey(), path);
                } else {
                    fill(inst, id, target.getAsJsonObject().get(e.getKey()), e.getValue(), path);
                }
            }
        } else if (unknown.isJsonArray() && target.isJsonArray()) {
            for (int i = 0; i < unknown.getAsJsonArray().size() && i < target.getAsJsonArray().size(); i++) {
                List<Object> path = new ArrayList<>(at);
                path.add(i);
                fill(inst, id, target.getAsJsonArray().get(i), unknown.getAsJsonArray().get(i), path);
            }
        }
    }

    private void leaf(TfInstance inst, ResourceId id, JsonObject parent, String name, List<Object> path) {
        String lower = name.toLowerCase(Locale.ROOT);
        Set<String> types = lower.equals("diskencryptionsetid") ? TfRecords.SET_TYPES
                : lower.equals("keyid") || lower.equals("keyurl") ? TfRecords.KEY_TYPES : Set.of();
        List<Object> full = new ArrayList<>();
        full.add("body");
        full.addAll(path);
        Resolved r = resolver.resolveTyped(inst, types, full.toArray());
        if (r.text() != null) {
            parent.addProperty(name, r.text());
            return;
        }
        String reason = "body." + TfReference.pathText(path) + " of " + inst.address() + " cannot be told from the plan"
                + (r instanceof Resolved.Open o ? ": " + o.reason() : "");
        switch (lower) {
            case "diskencryptionsetid" -> parent.addProperty(name, records.standIns()
                    .openId("Microsoft.Compute/diskEncryptionSets", inst.address() + ".body", reason).toString());
            case "keyid", "keyurl" -> parent.addProperty(name,
                    "https://" + records.standIns().openHost(inst.address() + ".body", reason) + "/keys/unresolved");
            case "enableencryptionathost" -> records.gap(inst, id, Fact.HOST_ENCRYPTION, reason);
            case "enablepurgeprotection", "enablesoftdelete" -> records.gap(inst, id, Fact.PURGE_PROTECTION, reason);
            case "objectid", "principalid" -> records.gap(inst, id, Fact.KEY_ACCESS, reason);
            default -> { }
        }
    }

    /** The ARM identity object, with the system-assigned principal's stand-in when the plan leaves it to apply. */
    private JsonObject identity(TfInstance inst) {
        List<JsonObject> blocks = Json.objects(inst.known(List.of("identity")));
        if (blocks.isEmpty()) {
            return null;
        }
        JsonObject block = blocks.get(0);
        String type = Json.text(block, "type");
        JsonObject identity = new JsonObject();
        if (type != null) {
            identity.addProperty("type", type);
        }
        String principal = resolver.resolve(inst, "identity", 0, "principal_id").text();
        if (principal != null && type != null && type.toLowerCase(Locale.ROOT).contains("systemassigned")) {
            identity.addProperty("principalId", principal);
        }
        JsonObject userAssigned = new JsonObject();
        for (String uai : Json.texts(block.get("identity_ids"))) {
            userAssigned.add(uai, new JsonObject());
        }
        if (userAssigned.size() > 0) {
            identity.add("userAssignedIdentities", userAssigned);
        }
        return identity;
    }

    private String orName(TfInstance inst, ResourceId id) {
        return TfRecords.orElse(records.text(inst, "name"), id.name());
    }
}
