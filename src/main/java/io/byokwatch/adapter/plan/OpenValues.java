package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlanGap.Fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Unknown members of an ARM body (a template value decided only at deployment) replaced before the body is
 * mapped. A set or key reference becomes a stand-in the overlay knows is open; a fact a rule reads becomes a gap on
 * the resource, so that rule is not evaluated there; anything else is dropped, since no rule reads it.
 */
final class OpenValues {
    private final StandInIds standIns;
    private final List<PlanGap> gaps;

    OpenValues(StandInIds standIns, List<PlanGap> gaps) {
        this.standIns = standIns;
        this.gaps = gaps;
    }

    /** Replaces the unknown members of {@code body} in place; {@code id} is the resource's id, when known. */
    void settle(String address, ResourceId id, JsonObject body) {
        walk(address, id, body, new ArrayList<>());
    }

    private void walk(String address, ResourceId id, JsonElement e, List<Object> path) {
        if (e == null) {
            return;
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (Map.Entry<String, JsonElement> member : List.copyOf(o.entrySet())) {
                List<Object> at = new ArrayList<>(path);
                at.add(member.getKey());
                if (TemplateValues.isUnknown(member.getValue())) {
                    leaf(address, id, o, member.getKey(), at, TemplateValues.reason(member.getValue()));
                } else {
                    walk(address, id, member.getValue(), at);
                }
            }
        } else if (e.isJsonArray()) {
            for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                List<Object> at = new ArrayList<>(path);
                at.add(i);
                JsonElement item = e.getAsJsonArray().get(i);
                if (TemplateValues.isUnknown(item)) {
                    gap(address, id, Fact.WHOLE_RESOURCE, TfReference.pathText(at) + " of " + address + " is known only at"
                            + " deployment: " + TemplateValues.reason(item));
                } else {
                    walk(address, id, item, at);
                }
            }
        }
    }

    private void leaf(String address, ResourceId id, JsonObject parent, String name, List<Object> path, String why) {
        String where = TfReference.pathText(path) + " of " + address;
        String reason = where + " cannot be told before deployment: " + why;
        parent.remove(name);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "diskencryptionsetid" -> parent.addProperty(name,
                    standIns.openId("Microsoft.Compute/diskEncryptionSets", where, reason).toString());
            case "keyid", "keyurl" -> parent.addProperty(name, "https://" + standIns.openHost(where, reason) + "/keys/unresolved");
            case "enableencryptionathost" -> gap(address, poolId(id, path, parent), Fact.HOST_ENCRYPTION, reason);
            case "enablepurgeprotection", "enablesoftdelete" -> gap(address, id, Fact.PURGE_PROTECTION, reason);
            case "objectid", "principalid", "accesspolicies", "enablerbacauthorization", "roledefinitionid", "scope" ->
                    gap(address, id, Fact.KEY_ACCESS, reason);
            case "rotationtolatestkeyversionenabled", "rotationpolicy", "lifetimeactions" -> gap(address, id, Fact.KEY_ROTATION, reason);
            case "exp", "nbf", "enabled" -> gap(address, id, path.contains("azureKeyVaultKms") ? Fact.KMS : Fact.KEY_VALIDITY, reason);
            case "kty" -> gap(address, id, Fact.KEY_TYPE, reason);
            case "type" -> gap(address, id, path.size() > 1 && "identity".equals(path.get(0)) ? Fact.KEY_ACCESS : Fact.WHOLE_RESOURCE, reason);
            case "name", "id" -> gap(address, id, Fact.WHOLE_RESOURCE, reason);
            default -> {
            }
        }
    }

    /** A pool profile's own id when the unknown is inside one, so only that pool's finding is held back. */
    private static ResourceId poolId(ResourceId cluster, List<Object> path, JsonObject profile) {
        String name = Json.text(profile, "name");
        return cluster != null && name != null && path.contains("agentPoolProfiles") ? cluster.child("agentPools", name) : cluster;
    }

    private void gap(String address, ResourceId id, Fact fact, String reason) {
        gaps.add(new PlanGap(address, id, fact, reason));
    }
}
