package io.byokwatch.access;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Key Vault audit operation names the detectors care about, grouped by what they mean for a disk key. */
public final class Operations {
    public static final String UNWRAP = "KeyUnwrap";
    public static final String KEY_GET = "KeyGet";

    /** What a disk encryption set does with its key; anyone else doing it holds the disks' keys in the clear. */
    public static final Set<String> CRYPTO = Set.of("KeyUnwrap", "KeyWrap", "KeyDecrypt", "KeyEncrypt", "KeySign");

    /**
     * Changes that can destroy, copy or re-scope a key or its vault: a key backup or export (and a Managed HSM's full
     * backup, {@code BackupCreate}, which copies every key in it) puts key material outside the vault's access control.
     */
    public static final Set<String> SENSITIVE = Set.of("KeyDelete", "KeyPurge", "KeyUpdate", "KeyBackup", "KeyRestore",
            "KeyRotationPolicySet", "KeyImport", "KeyExport", "KeyRelease", "BackupCreate", "VaultDelete", "VaultPut",
            "VaultPatch", "VaultAccessPolicyChangedEventGridNotification");

    /** Sensitive operations that lose the key or the vault: never routine, whoever does them. */
    public static final Set<String> DESTRUCTIVE = Set.of("KeyDelete", "KeyPurge", "VaultDelete");

    /** Crypto operations and KeyGet, most revealing first: the one an anomaly names when a caller did several. */
    public static final List<String> BY_SIGNIFICANCE = List.of("KeyUnwrap", "KeyDecrypt", "KeySign", "KeyWrap",
            "KeyEncrypt", "KeyGet");

    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        for (String op : List.of("KeyUnwrap", "KeyWrap", "KeyDecrypt", "KeyEncrypt", "KeySign", "KeyVerify", "KeyGet",
                "KeyCreate", "KeyList", "KeyListVersions", "KeyRotate", "KeyRotateIfDue", "KeyRotationPolicyGet",
                "KeyRecover", "KeyGetDeleted", "KeyListDeleted", "VaultGet", "VaultRecover")) {
            CANONICAL.put(op.toLowerCase(Locale.ROOT), op);
        }
        SENSITIVE.forEach(op -> CANONICAL.put(op.toLowerCase(Locale.ROOT), op));
    }

    private Operations() {
    }

    /** The documented spelling of a known operation whatever its case; unknown names unchanged. */
    public static String canonical(String operation) {
        return operation == null ? null : CANONICAL.getOrDefault(operation.toLowerCase(Locale.ROOT), operation);
    }

    /** Crypto or KeyGet: the operations only a disk encryption set should perform on a disk key. */
    public static boolean keyUse(String operation) {
        return CRYPTO.contains(operation) || KEY_GET.equals(operation);
    }

    /** Position in {@link #BY_SIGNIFICANCE}; unknown operations sort last. */
    static int significance(String operation) {
        int i = BY_SIGNIFICANCE.indexOf(operation);
        return i < 0 ? BY_SIGNIFICANCE.size() : i;
    }
}
