package io.byokwatch.domain;

import java.net.URI;
import java.util.Locale;

/**
 * A Key Vault or Managed HSM key URL, normalised so that the same key matches however it is written: the host is
 * lower-cased and loses any port, the key name is compared case-insensitively, the version is optional.
 */
public record KeyRef(String vaultHost, String name, String version) {

    public KeyRef {
        vaultHost = vaultHost.toLowerCase(Locale.ROOT);
        version = version == null || version.isBlank() ? null : version;
    }

    /** Parses {@code https://host[:port]/keys/name[/version][/]}; returns null for null/blank/other URLs. */
    public static KeyRef orNull(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            String host = uri.getHost();
            // The raw path: decoding %xx could yield characters that toString() cannot write back into a URL.
            String path = uri.getRawPath();
            if (host == null || path == null) {
                return null;
            }
            String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
            if (parts.length < 2 || !parts[0].equalsIgnoreCase("keys") || parts[1].isEmpty()) {
                return null;
            }
            return new KeyRef(host, parts[1], parts.length > 2 ? parts[2] : null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses a key URL or throws with a message naming the expected shape. */
    public static KeyRef parse(String url) {
        KeyRef ref = orNull(url);
        if (ref == null) {
            throw new IllegalArgumentException("'" + url + "' is not a key URL; expected"
                    + " https://<vault>.vault.azure.net/keys/<name>[/<version>]");
        }
        return ref;
    }

    /** The vault's own name: the first label of the host. */
    public String vaultName() {
        int dot = vaultHost.indexOf('.');
        return dot < 0 ? vaultHost : vaultHost.substring(0, dot);
    }

    /** True for keys held in a Managed HSM pool rather than a vault. */
    public boolean inManagedHsm() {
        return vaultHost.contains(".managedhsm.");
    }

    /** Same vault and key name, whatever the versions. */
    public boolean sameKey(KeyRef other) {
        return other != null && vaultHost.equals(other.vaultHost) && name.equalsIgnoreCase(other.name);
    }

    public KeyRef versionless() {
        return version == null ? this : new KeyRef(vaultHost, name, null);
    }

    /** Lower-cased vault host and key name, for map keys. */
    public String keyId() {
        return vaultHost + "/keys/" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "https://" + vaultHost + "/keys/" + name + (version == null ? "" : "/" + version);
    }
}
