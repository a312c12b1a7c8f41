package io.byokwatch.impact;

import java.util.List;
import java.util.Locale;

/**
 * The DNS suffixes of Key Vault and Managed HSM data-plane hosts in the clouds we may run in. An ARM id names a vault
 * but not its host, and the inventory indexes keys by host, so a vault change is looked up under each candidate host.
 * Suffixes starting with {@code managedhsm.} are Managed HSM pools; the rest are vaults.
 */
public record VaultHostSuffixes(List<String> suffixes) {

    /** Public Azure, Azure US Government and Azure China (21Vianet). */
    public static final VaultHostSuffixes DEFAULT = new VaultHostSuffixes(List.of(
            "vault.azure.net", "vault.usgovcloudapi.net", "vault.azure.cn",
            "managedhsm.azure.net", "managedhsm.usgovcloudapi.net", "managedhsm.azure.cn"));

    public VaultHostSuffixes {
        suffixes = suffixes.stream()
                .map(s -> s.trim().toLowerCase(Locale.ROOT).replaceAll("^\\.+", ""))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        if (suffixes.isEmpty()) {
            throw new IllegalArgumentException("at least one vault host suffix is needed, e.g. vault.azure.net");
        }
    }

    /** The hosts a vault (or, with {@code managedHsm}, an HSM pool) of this name may answer at. */
    public List<String> hostsFor(String name, boolean managedHsm) {
        String n = name.toLowerCase(Locale.ROOT);
        return suffixes.stream()
                .filter(s -> s.startsWith("managedhsm.") == managedHsm)
                .map(s -> n + "." + s)
                .toList();
    }
}
