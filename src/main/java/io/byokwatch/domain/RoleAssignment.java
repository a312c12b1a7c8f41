package io.byokwatch.domain;

/**
 * An Azure RBAC role assignment. {@code roleDefinitionGuid} is the last segment of the role definition id, the stable
 * way to recognise built-in roles; {@code scope} may be a management group, subscription, group, vault or key.
 */
public record RoleAssignment(String id, String principalId, String principalType, String roleDefinitionGuid,
                             String roleDefinitionName, ResourceId scope) {
}
