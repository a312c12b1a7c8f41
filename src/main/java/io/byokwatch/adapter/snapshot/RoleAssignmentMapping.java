package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;

import java.util.Locale;

/** Role assignments, from ARM ({@code properties}) or {@code az role assignment list} (flattened). */
final class RoleAssignmentMapping {
    private RoleAssignmentMapping() {
    }

    static RoleAssignment roleAssignment(JsonView root) {
        String id = root.requiredText("id");
        JsonView body = root.body();
        String definitionId = body.requiredText("roleDefinitionId").replaceAll("/+$", "");
        String guid = definitionId.substring(definitionId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        ResourceId scope = body.requiredResourceId("scope");
        String definitionName = body.text("roleDefinitionName") != null ? body.text("roleDefinitionName")
                : root.text("roleDefinitionName");
        return new RoleAssignment(id, body.requiredText("principalId"), body.text("principalType"), guid, definitionName,
                scope);
    }
}
