package io.byokwatch.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** One vault access-policy entry; key permissions are stored lower-cased because Azure returns mixed casing. */
public record AccessPolicy(String tenantId, String objectId, String applicationId, Set<String> keyPermissions) {
    public AccessPolicy {
        keyPermissions = keyPermissions.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** True when the entry grants the permission, directly or through {@code all}. */
    public boolean grants(String permission) {
        return keyPermissions.contains("all") || keyPermissions.contains(permission.toLowerCase(Locale.ROOT));
    }
}
