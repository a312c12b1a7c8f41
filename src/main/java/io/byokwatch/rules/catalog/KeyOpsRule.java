package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyOperations;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.KeyUser;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fails when the key version a key use reaches does not permit an operation one of its users needs ({@code key_ops}:
 * wrapKey and unwrapKey for a disk encryption set, encrypt and decrypt for KMS). A key whose record does not list its
 * operations is not judged: a key created without {@code --ops} permits every operation of its type, and list
 * outputs leave them out, so their absence is no sign of a restriction.
 */
public final class KeyOpsRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "key-ops-missing";

    public KeyOpsRule() {
        super(ID, Severity.CRITICAL,
                "Key does not permit the operations its users need",
                "the key's key_ops leave out an operation its user needs: wrapKey and unwrapKey for a disk encryption"
                        + " set, encrypt and decrypt for KMS etcd encryption",
                Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        if (use.users().isEmpty() || use.keyRef() == null || (use.throughSet() && use.foundSet() == null)) {
            return;
        }
        VaultKey used = use.usedKeyVersion() == null ? null : use.usedKeyVersion().orNull();
        if (used == null || used.keyOps() == null) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>();
        List<String> who = new ArrayList<>();
        for (KeyUser user : use.users()) {
            List<String> lacks = keyOps(user.needs()).stream().filter(op -> !Boolean.TRUE.equals(used.permits(op))).toList();
            if (!lacks.isEmpty()) {
                missing.addAll(lacks);
                who.add(user.label());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        KeyRef ref = use.keyRef();
        out.fail(use.holderId(), "Key " + ref.name() + " in " + Links.vaultLabel(ref) + " does not permit "
                        + String.join(" and ", missing) + " (its key_ops are " + (used.keyOps().isEmpty() ? "empty"
                        : String.join(", ", used.keyOps())) + "), which " + String.join(" and ", who) + " needs, so the "
                        + use.purpose().protects() + " it protects cannot be encrypted or read.",
                fix(ref, used, missing), Evidence.of("keyUrl", ref).and("keyOps", used.keyOps())
                        .and("missing", List.copyOf(missing)).map());
    }

    /** The key operations behind what a user needs: its access-policy permissions without {@code get}. */
    static List<String> keyOps(KeyOperations needs) {
        return needs.accessPolicyPermissions().stream().filter(p -> !p.equalsIgnoreCase("get")).toList();
    }

    static String fix(KeyRef ref, VaultKey used, Set<String> missing) {
        Set<String> ops = new LinkedHashSet<>(used.keyOps());
        ops.addAll(missing);
        String where = (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(ref.vaultName());
        return new Script("Allow the operations on the key version in use")
                .cmd("az keyvault key set-attributes " + where + " -n " + Bash.q(ref.name())
                        + (ref.version() != null ? " --version " + Bash.q(ref.version()) : "")
                        + " --ops " + String.join(" ", ops))
                .terraform("key_opts = [" + String.join(", ", ops.stream().map(o -> "\"" + o + "\"").toList())
                        + "] on azurerm_key_vault_key." + NoByokRule.tfName(ref.name()) + ".");
    }
}
