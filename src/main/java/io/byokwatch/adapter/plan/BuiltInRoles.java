package io.byokwatch.adapter.plan;

import java.util.Locale;
import java.util.Map;

/**
 * Built-in Azure role names a plan or template may give instead of a role definition id, with their fixed
 * definition GUIDs (the same in every tenant). Rules recognise roles by GUID only.
 */
final class BuiltInRoles {
    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("key vault administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483"),
            Map.entry("key vault crypto officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"),
            Map.entry("key vault crypto service encryption user", "e147488a-f6f5-4113-8e2d-b22465e65bf6"),
            Map.entry("key vault crypto user", "12338af0-0e69-4776-bea7-57ae8d297424"),
            Map.entry("key vault crypto service release user", "08bbd89e-9f13-488c-ac41-acfcb10c90ab"),
            Map.entry("key vault reader", "21090545-7ca7-4776-b22c-e363652d74d2"),
            Map.entry("key vault secrets officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"),
            Map.entry("key vault secrets user", "4633458b-17de-408a-b874-0445c86b69e6"),
            Map.entry("key vault certificates officer", "a4417e6f-fecd-4de8-b567-7b0420556985"),
            Map.entry("reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
            Map.entry("contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"),
            Map.entry("owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"));

    private BuiltInRoles() {
    }

    /** The GUID of a built-in role by its name (case-insensitive), or null for a role not listed here. */
    static String guid(String roleName) {
        return roleName == null ? null : BY_NAME.get(roleName.trim().toLowerCase(Locale.ROOT));
    }
}
