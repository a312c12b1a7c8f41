package io.byokwatch.domain;

import java.util.List;
import java.util.Locale;

/**
 * A vault's firewall ({@code properties.networkAcls}): {@code defaultAction} (Allow | Deny) applies to traffic that
 * no IP or virtual-network rule matches, after {@code bypass} (AzureServices | None) lets trusted Microsoft services
 * through. Null strings are fields the record leaves out.
 */
public record NetworkAcls(String defaultAction, String bypass, List<String> ipRules,
                          List<ResourceId> virtualNetworkRules) {
    public NetworkAcls {
        ipRules = List.copyOf(ipRules);
        virtualNetworkRules = List.copyOf(virtualNetworkRules);
    }

    /** Deny: only the rules, and trusted services if bypassed, get through ("selected networks"). */
    public boolean denyByDefault() {
        return is(defaultAction, "deny");
    }

    public boolean allowByDefault() {
        return is(defaultAction, "allow");
    }

    /** Trusted Microsoft services pass the firewall ({@code bypass} AzureServices). */
    public boolean bypassesAzureServices() {
        return bypass != null && bypass.toLowerCase(Locale.ROOT).contains("azureservices");
    }

    private static boolean is(String value, String expected) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals(expected);
    }
}
