package io.byokwatch.adapter.snapshot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code Microsoft.ContainerService/managedClusters} API versions define
 * {@code securityProfile.kubernetesResourceObjectEncryptionProfile} (KMS data encryption), so that a record read with
 * one of them, lacking the block, shows it unset. ARM serialises per API version and leaves unset blocks out, so a
 * record read with any other version, or with a version nobody recorded, cannot say.
 *
 * <p>Checked against the Bicep type definitions generated from the REST specs (Azure/bicep-types-az,
 * {@code generated/containerservice_1/microsoft.containerservice/<version>/types.md}): the block is in
 * {@code 2026-05-02-preview} and in the stable {@code 2026-07-01}, and not in the stable {@code 2026-05-01}. Later
 * versions are taken to keep it (ARM versions add fields; AKS documents the versionless-key rule "starting with API
 * versions 2026-07-01 and 2026-07-02-preview"); earlier previews are not assumed to have it.
 */
public final class KmsApiVersions {
    /** The first stable API version with the block. */
    public static final String FIRST_STABLE = "2026-07-01";
    /** The first preview API version verified to have the block. */
    public static final String FIRST_PREVIEW = "2026-05-02-preview";

    private static final Pattern VERSION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(-preview)?");

    private KmsApiVersions() {
    }

    /** True when a cluster read with this API version shows the block whenever it is set; false for null or unknown. */
    public static boolean showsObjectEncryption(String apiVersion) {
        if (apiVersion == null) {
            return false;
        }
        Matcher m = VERSION.matcher(apiVersion.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        String date = m.group(1);
        return m.group(2) == null ? date.compareTo(FIRST_STABLE) >= 0
                : date.compareTo(FIRST_PREVIEW.substring(0, 10)) >= 0;
    }
}
