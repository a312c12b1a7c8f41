package io.byokwatch.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Azure RBAC role definition (or a Managed HSM local one): what data actions the role allows. Only data actions
 * matter to byokwatch: they decide whether a role lets an identity read, wrap and unwrap a key.
 *
 * @param id       the definition's id as ARM or the HSM spells it ({@code .../roleDefinitions/<guid>})
 * @param guid     the last segment of the id, lower-cased: how assignments name the role
 * @param roleType {@code BuiltInRole}, {@code CustomRole} or {@code AKVBuiltInRole}; null when the payload did not say
 */
public record RoleDefinition(String id, String guid, String roleName, String roleType, List<Permission> permissions) {
    public RoleDefinition {
        guid = guid == null ? null : guid.toLowerCase(Locale.ROOT);
        permissions = List.copyOf(permissions);
    }

    /**
     * True when one permission block allows the data action and its own {@code notDataActions} do not take it away, as
     * Azure computes effective data actions. Patterns compare case-insensitively; {@code *} matches any run of
     * characters, slashes included ({@code Microsoft.KeyVault/vaults/keys/*}, {@code *}).
     */
    public boolean allowsDataAction(String action) {
        for (Permission p : permissions) {
            if (p.dataActions().stream().anyMatch(d -> matches(d, action))
                    && p.notDataActions().stream().noneMatch(d -> matches(d, action))) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String action) {
        if (pattern == null || action == null) {
            return false;
        }
        String[] parts = pattern.trim().split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action.trim()).matches();
    }

    /** One {@code permissions[]} block. */
    public record Permission(List<String> actions, List<String> notActions, List<String> dataActions,
                             List<String> notDataActions) {
        public Permission {
            actions = List.copyOf(actions);
            notActions = List.copyOf(notActions);
            dataActions = List.copyOf(dataActions);
            notDataActions = List.copyOf(notDataActions);
        }
    }
}
