package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Role assignments and role definitions, from ARM ({@code properties}) or {@code az role ... list} (flattened), and
 * Managed HSM local ones ({@code az keyvault role assignment/definition list --hsm-name}).
 */
final class RoleAssignmentMapping {
    private RoleAssignmentMapping() {
    }

    static RoleAssignment roleAssignment(JsonView root) {
        String id = root.requiredText("id");
        JsonView body = root.body();
        ResourceId scope = body.requiredResourceId("scope");
        return new RoleAssignment(id, body.requiredText("principalId"), principalType(root, body),
                guid(body.requiredText("roleDefinitionId")), roleName(root, body), scope);
    }

    /**
     * An HSM's local assignment: scope {@code /} or {@code /keys} covers every key, {@code /keys/<name>} one key; both
     * are mapped below the HSM's ARM id so that they compare with key scopes as ARM scopes do.
     */
    static RoleAssignment managedHsmRoleAssignment(JsonView root, ResourceId hsmId) {
        String id = root.requiredText("id");
        JsonView body = root.body();
        String local = body.requiredText("scope").trim();
        String[] parts = local.replaceAll("^/+|/+$", "").split("/+");
        ResourceId scope;
        if (local.replaceAll("/+", "/").equals("/") || (parts.length == 1 && parts[0].equalsIgnoreCase("keys"))) {
            scope = hsmId;
        } else if (parts.length == 2 && parts[0].equalsIgnoreCase("keys") && !parts[1].isBlank()) {
            scope = hsmId.child("keys", parts[1]);
        } else {
            throw new SnapshotFormatException(body.where("scope") + ": expected a Managed HSM scope (/, /keys or"
                    + " /keys/<name>), got \"" + local + "\"");
        }
        return new RoleAssignment(id, body.requiredText("principalId"), principalType(root, body),
                guid(body.requiredText("roleDefinitionId")), roleName(root, body), scope);
    }

    static RoleDefinition roleDefinition(JsonView root) {
        String id = root.requiredText("id");
        JsonView body = root.body();
        List<RoleDefinition.Permission> permissions = new ArrayList<>();
        if (body.raw("permissions") == null) {
            throw new SnapshotFormatException(body.where("permissions") + ": required, but missing");
        }
        for (JsonView p : body.objects("permissions")) {
            // ARM and az always print dataActions (empty when none): a block without it says nothing about data access
            if (p.raw("dataActions") == null && !p.has("dataActions")) {
                throw new SnapshotFormatException(p.where("dataActions") + ": required, but missing");
            }
            permissions.add(new RoleDefinition.Permission(p.texts("actions"), p.texts("notActions"),
                    p.texts("dataActions"), p.texts("notDataActions")));
        }
        String roleType = body.text("roleType") != null ? body.text("roleType")
                : body.text("type") != null && !body.text("type").contains("/") ? body.text("type") : null;
        return new RoleDefinition(id, guid(id), body.text("roleName"), roleType, permissions);
    }

    private static String principalType(JsonView root, JsonView body) {
        return body.text("principalType") != null ? body.text("principalType") : root.text("principalType");
    }

    private static String roleName(JsonView root, JsonView body) {
        for (String name : new String[] {"roleDefinitionName", "roleName"}) {
            if (body.text(name) != null) {
                return body.text(name);
            }
            if (root.text(name) != null) {
                return root.text(name);
            }
        }
        return null;
    }

    private static String guid(String definitionId) {
        String trimmed = definitionId.trim().replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }
}
