package io.byokwatch.adapter.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach ARM and what to watch, built once per process.
 *
 * @param cloud            the Azure cloud; decides the ARM endpoint and the Entra ID authority
 * @param armEndpoint      replaces the cloud's ARM endpoint when not null (Azure Stack, a test double); must be https
 *                         because bearer tokens are never sent in clear text
 * @param subscriptionIds  subscriptions whose clusters are watched
 * @param managementGroupId a management group whose clusters are watched (in addition to the subscriptions); which
 *                         subscriptions it holds is whatever Resource Graph says it holds
 * @param credential       the identity byokwatch reads as (Reader is enough; no Key Vault data-plane role)
 * @param readsPerMinute   most ARM and Resource Graph requests this process sends in a minute, retries included
 * @param cacheTtl         how long a read answers repeated questions within a burst of events; zero disables
 * @param maxRetries       retries of one request on 408, 429, 5xx and network failures
 */
public record ArmSettings(ArmCloud cloud, URI armEndpoint, List<String> subscriptionIds, String managementGroupId,
                          TokenCredential credential, int readsPerMinute, Duration cacheTtl, int maxRetries) {
    public static final int DEFAULT_READS_PER_MINUTE = 1200;
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 4;

    public ArmSettings {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(credential, "credential: byokwatch needs an identity to read ARM with");
        subscriptionIds = subscriptionIds == null ? List.of()
                : subscriptionIds.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        managementGroupId = managementGroupId == null || managementGroupId.isBlank() ? null : managementGroupId.trim();
        if (subscriptionIds.isEmpty() && managementGroupId == null) {
            throw new IllegalArgumentException("no scope: name at least one subscription id or a management group id");
        }
        if (armEndpoint != null && (!"https".equalsIgnoreCase(armEndpoint.getScheme()) || armEndpoint.getHost() == null)) {
            throw new IllegalArgumentException("ARM endpoint '" + armEndpoint + "' must be an https URL: bearer tokens"
                    + " are never sent over plain http");
        }
        if (readsPerMinute < 1) {
            throw new IllegalArgumentException("readsPerMinute must be at least 1, got " + readsPerMinute);
        }
        cacheTtl = cacheTtl == null ? DEFAULT_CACHE_TTL : cacheTtl;
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative, got " + cacheTtl);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 10, got " + maxRetries);
        }
    }

    /** Settings with the default budget, cache and retries. */
    public static ArmSettings of(ArmCloud cloud, List<String> subscriptionIds, TokenCredential credential) {
        return new ArmSettings(cloud, null, subscriptionIds, null, credential, DEFAULT_READS_PER_MINUTE,
                DEFAULT_CACHE_TTL, DEFAULT_MAX_RETRIES);
    }

    /** Settings watching every subscription Resource Graph places under the management group. */
    public static ArmSettings forManagementGroup(ArmCloud cloud, String managementGroupId, TokenCredential credential) {
        return new ArmSettings(cloud, null, List.of(), managementGroupId, credential, DEFAULT_READS_PER_MINUTE,
                DEFAULT_CACHE_TTL, DEFAULT_MAX_RETRIES);
    }

    public ArmSettings withArmEndpoint(URI endpoint) {
        return new ArmSettings(cloud, endpoint, subscriptionIds, managementGroupId, credential, readsPerMinute, cacheTtl,
                maxRetries);
    }

    public ArmSettings withManagementGroup(String groupId) {
        return new ArmSettings(cloud, armEndpoint, subscriptionIds, groupId, credential, readsPerMinute, cacheTtl,
                maxRetries);
    }

    public ArmSettings withReadsPerMinute(int perMinute) {
        return new ArmSettings(cloud, armEndpoint, subscriptionIds, managementGroupId, credential, perMinute, cacheTtl,
                maxRetries);
    }

    public ArmSettings withCacheTtl(Duration ttl) {
        return new ArmSettings(cloud, armEndpoint, subscriptionIds, managementGroupId, credential, readsPerMinute, ttl,
                maxRetries);
    }

    public ArmSettings withMaxRetries(int retries) {
        return new ArmSettings(cloud, armEndpoint, subscriptionIds, managementGroupId, credential, readsPerMinute,
                cacheTtl, retries);
    }

    /** The cloud's environment, with the ARM endpoint replaced when one is configured. */
    public AzureEnvironment environment() {
        if (armEndpoint == null) {
            return cloud.environment();
        }
        Map<String, String> endpoints = new HashMap<>(cloud.environment().getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", withoutTrailingSlash(armEndpoint.toString()) + "/");
        return new AzureEnvironment(endpoints);
    }

    public AzureProfile profile() {
        return new AzureProfile(null, null, environment());
    }

    /** The ARM base URL without a trailing slash, e.g. {@code https://management.azure.com}. */
    public String resourceManagerUrl() {
        return withoutTrailingSlash(environment().getResourceManagerEndpoint());
    }

    private static String withoutTrailingSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
