package io.byokwatch.domain;

/**
 * An Azure RBAC role assignment. {@code roleDefinitionGuid} is the last segment of the role definition id, the stable
 * way to recognise built-in roles; {@code scope} may be a management group, subscription, group, vault or key.
 *
 * @param unplaced true when an inventory returned this management-group assignment for a scope without knowing whether
 *                 the group holds that scope's subscription (files that mix several subscriptions' exports); a grant
 *                 that rests on it is not proven
 */
public record RoleAssignment(String id, String principalId, String principalType, String roleDefinitionGuid,
                             String roleDefinitionName, ResourceId scope, boolean unplaced) {

    public RoleAssignment(String id, String principalId, String principalType, String roleDefinitionGuid,
                          String roleDefinitionName, ResourceId scope) {
        this(id, principalId, principalType, roleDefinitionGuid, roleDefinitionName, scope, false);
    }

    public RoleAssignment asUnplaced() {
        return new RoleAssignment(id, principalId, principalType, roleDefinitionGuid, roleDefinitionName, scope, true);
    }
}
