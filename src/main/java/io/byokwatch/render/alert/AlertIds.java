package io.byokwatch.render.alert;

import io.byokwatch.domain.ResourceId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One spelling per resource within an alert. ARM ids compare case-insensitively, and the same cluster arrives as
 * {@code resourceGroups/.../managedClusters/x} from the inventory, {@code resourcegroups/...} from Event Grid and fully
 * lower-cased in the resolved-finding keys; an alert shows each in the spelling the inventory gave the cluster and its
 * findings (the longest such id that contains it decides), and the ARM type segments of any other id in ARM's own
 * casing, so a receiver that compares ids as strings within one alert is not misled.
 */
final class AlertIds {
    private static final Map<String, String> ARM_SEGMENTS = Map.ofEntries(
            Map.entry("subscriptions", "subscriptions"), Map.entry("resourcegroups", "resourceGroups"),
            Map.entry("providers", "providers"), Map.entry("microsoft.containerservice", "Microsoft.ContainerService"),
            Map.entry("managedclusters", "managedClusters"), Map.entry("agentpools", "agentPools"),
            Map.entry("microsoft.compute", "Microsoft.Compute"), Map.entry("diskencryptionsets", "diskEncryptionSets"),
            Map.entry("microsoft.keyvault", "Microsoft.KeyVault"), Map.entry("vaults", "vaults"), Map.entry("keys", "keys"),
            Map.entry("managedhsms", "managedHSMs"), Map.entry("accesspolicies", "accessPolicies"),
            Map.entry("microsoft.authorization", "Microsoft.Authorization"), Map.entry("roleassignments", "roleAssignments"),
            Map.entry("microsoft.managedidentity", "Microsoft.ManagedIdentity"),
            Map.entry("userassignedidentities", "userAssignedIdentities"),
            Map.entry("microsoft.management", "Microsoft.Management"), Map.entry("managementgroups", "managementGroups"));

    private final List<ResourceId> spelled;

    /** @param preferred ids whose spelling wins, best first (the cluster, then its findings' resources) */
    AlertIds(List<ResourceId> preferred) {
        List<ResourceId> unique = new ArrayList<>();
        for (ResourceId id : preferred) {
            if (id != null && unique.stream().noneMatch(u -> u.equals(id))) {
                unique.add(id);
            }
        }
        // longest first, so a node pool spelled by its own finding beats the cluster that contains it
        unique.sort(Comparator.comparingInt((ResourceId id) -> id.key().length()).reversed());
        this.spelled = List.copyOf(unique);
    }

    String spell(ResourceId id) {
        if (id == null) {
            return null;
        }
        for (ResourceId p : spelled) {
            if (id.isUnder(p)) {
                String rest = id.toString().substring(p.toString().length());
                return p + armCase(rest, false);
            }
        }
        return armCase(id.toString(), true);
    }

    /** A resolved-finding key, {@code ruleId|resource id}, with its id spelled as the rest of the alert spells it. */
    String spellKey(String key) {
        int bar = key.indexOf('|');
        ResourceId id = bar < 0 ? null : ResourceId.orNull(key.substring(bar + 1));
        return id == null ? key : key.substring(0, bar + 1) + spell(id);
    }

    /** ARM's casing for the type segments (labels) of a path; names are left as they are. */
    private static String armCase(String path, boolean fromRoot) {
        String[] parts = path.split("/", -1);
        // fromRoot: "", subscriptions, <sub>, resourceGroups, <rg>, providers, <ns>, <type>, <name>, <type>, <name>...
        // otherwise the remainder under a known id starts with "", <type>, <name>, ... (a child below a resource)
        boolean afterProviders = !fromRoot;
        int labelParity = 1;
        for (int i = 1; i < parts.length; i++) {
            String lower = parts[i].toLowerCase(Locale.ROOT);
            if (fromRoot && lower.equals("providers")) {
                parts[i] = "providers";
                if (i + 1 < parts.length) {
                    parts[i + 1] = ARM_SEGMENTS.getOrDefault(parts[i + 1].toLowerCase(Locale.ROOT), parts[i + 1]);
                }
                afterProviders = true;
                labelParity = (i + 2) % 2;
                i++;
                continue;
            }
            boolean label = afterProviders ? i % 2 == labelParity : i % 2 == 1;
            if (label) {
                parts[i] = ARM_SEGMENTS.getOrDefault(lower, parts[i]);
            }
        }
        return String.join("/", parts);
    }
}
