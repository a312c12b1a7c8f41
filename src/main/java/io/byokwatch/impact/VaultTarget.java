package io.byokwatch.impact;

import io.byokwatch.domain.ResourceId;

import java.util.Locale;

/**
 * A vault or Managed HSM named by an ARM id, and, when the id points at one key (or a version of it), that key's
 * name. {@code child} is the sub-resource collection the id points into ({@code keys}, {@code accessPolicies},
 * {@code secrets}…), null for the vault itself.
 */
record VaultTarget(ResourceId vaultId, boolean managedHsm, String keyName, String child) {

    /** Null when the id is not a Key Vault resource or one under it. */
    static VaultTarget of(ResourceId id) {
        String[] seg = ArmPath.segments(id);
        int p = ArmPath.lastProviders(seg);
        if (p < 0 || p + 3 >= seg.length || !seg[p + 1].equalsIgnoreCase("Microsoft.KeyVault")) {
            return null;
        }
        String type = seg[p + 2].toLowerCase(Locale.ROOT);
        if (!type.equals("vaults") && !type.equals("managedhsms")) {
            return null;
        }
        String child = p + 4 < seg.length ? seg[p + 4] : null;
        String keyName = child != null && child.equalsIgnoreCase("keys") && p + 5 < seg.length ? seg[p + 5] : null;
        return new VaultTarget(id.topLevel(), type.equals("managedhsms"), keyName, child);
    }

    String vaultName() {
        return vaultId.name();
    }

    /**
     * The vault itself, its access policies and its keys bear on encryption; secrets, certificates and the like do
     * not (private endpoint connections are routed on their own: they bear on the network path, not the key).
     */
    boolean bearsOnKeys() {
        return child == null || child.equalsIgnoreCase("keys") || child.equalsIgnoreCase("accessPolicies");
    }

    /** A private endpoint connection of the vault: how a private KMS vault is reached, see {@link KmsPathReach}. */
    boolean privateEndpointConnection() {
        return child != null && child.equalsIgnoreCase("privateEndpointConnections");
    }

    /** "vault kv-pay", "managed HSM hsm1", "key kv-pay/cmk". */
    String label() {
        String kind = managedHsm ? "managed HSM " : "vault ";
        if (keyName != null) {
            return "key " + vaultName() + "/" + keyName;
        }
        return kind + vaultName();
    }
}
