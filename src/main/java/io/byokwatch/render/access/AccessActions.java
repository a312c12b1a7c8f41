package io.byokwatch.render.access;

import io.byokwatch.access.Anomaly;
import io.byokwatch.domain.Caller;

import java.util.Locale;

/**
 * One line per anomaly saying what to do next, in the words of the person who has to do it: who to ask, what to check,
 * what to revoke. Every format (HTML, Markdown, JSON, the chat digests) shows the same line.
 */
public final class AccessActions {
    private AccessActions() {
    }

    public static String of(Anomaly a) {
        String who = who(a.caller());
        String key = a.key() == null ? "vault " + a.vault() : "key " + a.vault() + "/" + a.key();
        String what = verb(a.operation());
        return switch (a.detector()) {
            case "unexpected-caller" -> "Confirm with " + who + " why they " + what + " " + key + "; if it was not expected,"
                    + " remove their access and rotate the key.";
            case "new-source" -> "Confirm with " + who + " that the calls from " + (a.sourceIp() == null ? "the new network"
                    : a.sourceIp()) + " were theirs; if not, revoke the credential and restrict the vault's network access.";
            case "volume-spike" -> "Ask the owner of " + who + " what ran at " + a.firstSeen().toString().substring(11, 16)
                    + " UTC; if nothing should have, look for a leaked credential and throttle or revoke it.";
            case "failure-burst" -> "Find which client is being refused on " + key + " (the KQL lists it); a burst of"
                    + " refusals is a misconfiguration to fix or someone probing for access.";
            case "sensitive-operation" -> "Check that " + (a.operation() == null ? "the change" : a.operation()) + " by " + who
                    + " on " + key + " had an approved change; if not, undo it and review who holds that permission.";
            case "silent-key" -> a.evidence().failures() > 0
                    ? "Check that " + key + " is enabled and that the disk encryption sets' identities can still use it ("
                    + DigestText.failures(a) + ")."
                    : "Check that " + key + " is enabled and its sets' identities can use it, and that the vault's audit logs"
                    + " still reach the workspace.";
            default -> "Review " + key + " and confirm the calls of " + who + " were expected.";
        };
    }

    private static String who(Caller c) {
        if (c.anonymous()) {
            return "an anonymous caller";
        }
        if (c.upn() != null) {
            int at = c.upn().indexOf('@');
            return at > 0 ? c.upn().substring(0, at) : c.upn();
        }
        return c.objectId() != null ? "principal " + c.objectId() : "application " + c.appId();
    }

    private static String verb(String operation) {
        if (operation == null) {
            return "used";
        }
        return switch (operation.toLowerCase(Locale.ROOT)) {
            case "keyunwrap" -> "unwrapped";
            case "keywrap" -> "wrapped with";
            case "keydecrypt" -> "decrypted with";
            case "keyencrypt" -> "encrypted with";
            case "keysign" -> "signed with";
            case "keyget" -> "read";
            default -> "called " + operation + " on";
        };
    }
}
