package io.byokwatch.adapter.arm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.vaultId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARM {@code vaults/keys/{name}/versions} through the real SDK pipeline, against the fake ARM over HTTPS. */
class LiveInventoryKeyVersionsTest extends OnFakeArm {
    private static JsonObject version(ResourceId vault, String key, String version, long created) {
        JsonObject attributes = new JsonObject();
        attributes.addProperty("enabled", true);
        attributes.addProperty("created", created);
        attributes.addProperty("updated", created);
        JsonObject properties = new JsonObject();
        properties.add("attributes", attributes);
        properties.addProperty("kty", "RSA-HSM");
        properties.addProperty("keyUri", "https://" + vault.name() + ".vault.azure.net:443/keys/" + key);
        properties.addProperty("keyUriWithVersion", "https://" + vault.name() + ".vault.azure.net:443/keys/" + key + "/" + version);
        JsonObject body = new JsonObject();
        body.addProperty("id", vault.child("keys", key) + "/versions/" + version);
        body.addProperty("name", version);
        body.addProperty("type", "Microsoft.KeyVault/vaults/keys/versions");
        body.add("properties", properties);
        return body;
    }

    private static String page(String nextLink, JsonObject... versions) {
        JsonArray value = new JsonArray();
        for (JsonObject v : versions) {
            value.add(v);
        }
        JsonObject o = new JsonObject();
        o.add("value", value);
        if (nextLink != null) {
            o.addProperty("nextLink", nextLink);
        }
        return o.toString();
    }

    @Test
    void versions_followEveryPage_withTheirCreationTimes() {
        ResourceId vault = vaultId(SUB_A, "kv-prod");
        fake.put(Harness.vault(vault, true));
        fake.put(Harness.key(vault, "disk"));
        String path = vault.child("keys", "disk") + "/versions";
        String next = fake.endpoint() + path + "?api-version=" + ApiVersions.KEY_VAULT + "&$skiptoken=2";
        fake.script(path, new FakeArm.Reply(200, Map.of(), page(next, version(vault, "disk", "aaaa", 1735689600))),
                new FakeArm.Reply(200, Map.of(), page(null, version(vault, "disk", "bbbb", 1767225600))));

        Lookup<List<VaultKey>> answer = h.inventory().keyVersions(KeyRef.parse("https://kv-prod.vault.azure.net/keys/disk"));

        assertInstanceOf(Lookup.Found.class, answer, () -> "expected found, got " + answer);
        List<VaultKey> versions = answer.orNull().stream()
                .sorted(java.util.Comparator.comparing(VaultKey::created).reversed()).toList();
        assertEquals(List.of("bbbb", "aaaa"), versions.stream().map(VaultKey::currentVersion).toList());
        assertEquals(Instant.ofEpochSecond(1767225600), versions.get(0).created());
        List<FakeArm.Request> reads = fake.armGets().stream().filter(r -> r.path().endsWith("/versions")).toList();
        assertEquals(2, reads.size());
        assertEquals(ApiVersions.KEY_VAULT, reads.get(0).query().get("api-version"));
    }

    @Test
    void aForbiddenList_isUnknown_namingThePermission() {
        ResourceId vault = vaultId(SUB_A, "kv-prod");
        fake.put(Harness.vault(vault, true));
        fake.put(Harness.key(vault, "disk"));
        fake.script(vault.child("keys", "disk") + "/versions", FakeArm.Reply.status(403, "AuthorizationFailed"));

        Lookup<List<VaultKey>> answer = h.inventory().keyVersions(KeyRef.parse("https://kv-prod.vault.azure.net/keys/disk"));

        String reason = assertInstanceOf(Lookup.Unknown.class, answer).reason();
        assertTrue(reason.contains("403 Forbidden"), reason);
    }
}
