package io.byokwatch.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One vault access-policy entry; key permissions are stored lower-cased because Azure returns mixed casing.
 * {@code keysListed} is false when the entry did not carry {@code permissions.keys} at all (a partial record), so its
 * key permissions are unknown rather than none; {@code objectId} null means the entry does not say whom it is for.
 */
public record AccessPolicy(String tenantId, String objectId, String applicationId, Set<String> keyPermissions,
                           boolean keysListed) {
    public AccessPolicy {
        keyPermissions = keyPermissions.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public AccessPolicy(String tenantId, String objectId, String applicationId, Set<String> keyPermissions) {
        this(tenantId, objectId, applicationId, keyPermissions, true);
    }

    /** True when the entry grants the permission, directly or through {@code all}. */
    public boolean grants(String permission) {
        return keyPermissions.contains("all") || keyPermissions.contains(permission.toLowerCase(Locale.ROOT));
    }

    /** False when the entry leaves out whom it is for or which key permissions it grants. */
    public boolean complete() {
        return keysListed && objectId != null && !objectId.isBlank();
    }
}
