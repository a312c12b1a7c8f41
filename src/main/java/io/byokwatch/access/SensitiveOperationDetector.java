package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fires on any operation that can destroy, copy or re-scope a key or its vault (delete, purge, update, backup, restore,
 * import, rotation policy, vault changes) on a vault holding a disk key; without an inventory, on any vault. The same
 * non-destructive operation by the same caller on {@code routineDays} baseline days is reported as low: routine.
 */
final class SensitiveOperationDetector implements Detector {
    static final String ID = "sensitive-operation";

    private static final Map<String, Integer> WEIGHT = Map.ofEntries(Map.entry("KeyPurge", 95), Map.entry("VaultDelete", 95),
            Map.entry("KeyDelete", 90), Map.entry("KeyBackup", 75), Map.entry("KeyUpdate", 70), Map.entry("KeyRestore", 65),
            Map.entry("KeyImport", 60), Map.entry("KeyRotationPolicySet", 55), Map.entry("VaultPut", 50),
            Map.entry("VaultPatch", 50), Map.entry("VaultAccessPolicyChangedEventGridNotification", 50));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Anomaly> detect(DetectionContext c) {
        ByokEstate estate = c.estate();
        Map<String, Tally> groups = new LinkedHashMap<>();
        for (AccessRecord r : c.windowRecords()) {
            if (Operations.SENSITIVE.contains(r.operation()) && (!estate.known() || estate.holdsDiskKey(r.vault()))) {
                groups.computeIfAbsent(r.vault() + "/" + r.key() + "/" + r.operation() + "/" + r.caller().id(),
                        k -> new Tally()).add(r);
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Set<Integer>> baselineDays = new LinkedHashMap<>();
        Map<String, Long> baselineCounts = new LinkedHashMap<>();
        for (AccessRecord r : c.baselineRecords()) {
            if (Operations.SENSITIVE.contains(r.operation())) {
                String habit = r.vault() + "/" + r.operation() + "/" + r.caller().id();
                baselineDays.computeIfAbsent(habit, k -> new HashSet<>()).add(Math.floorDiv(c.index().hourOf(r.hour()), 24));
                baselineCounts.merge(habit, r.count(), Long::sum);
            }
        }
        List<Anomaly> out = new ArrayList<>();
        for (Tally t : groups.values()) {
            AccessRecord any = t.records.get(0);
            String habit = any.vault() + "/" + any.operation() + "/" + any.caller().id();
            int days = baselineDays.getOrDefault(habit, Set.of()).size();
            out.add(anomaly(c, t, days, baselineCounts.getOrDefault(habit, 0L)));
        }
        return out;
    }

    private static Anomaly anomaly(DetectionContext c, Tally t, int habitDays, long habitCount) {
        AccessRecord any = t.records.get(0);
        String op = any.operation();
        ByokEstate.DiskKey disk = c.estate().diskKey(any.vault(), any.key());
        boolean destructive = Operations.DESTRUCTIVE.contains(op);
        boolean routine = !destructive && habitDays >= c.thresholds().routineDays() && !any.caller().anonymous();
        Severity severity = switch (op) {
            case "KeyPurge", "VaultDelete" -> Severity.CRITICAL;
            case "KeyDelete" -> disk != null ? Severity.CRITICAL : Severity.HIGH;
            case "KeyUpdate", "KeyBackup", "KeyExport", "KeyRelease" -> disk != null ? Severity.HIGH : Severity.MEDIUM;
            case "BackupCreate" -> c.estate().known() ? Severity.HIGH : Severity.MEDIUM;
            default -> Severity.MEDIUM;
        };
        if (t.succeeded == 0) {
            severity = Anomaly.lower(severity);
        }
        if (routine) {
            severity = Severity.LOW;
        }
        StringBuilder why = new StringBuilder();
        why.append(Text.capitalised(any.caller().label())).append(" ran ").append(op).append(' ')
                .append(t.total == 1 ? "once" : t.total + " times").append(" on ");
        if (disk != null) {
            why.append(disk.describe()).append(" (used by ");
            if (!disk.sets().isEmpty() || !disk.servesKms()) {
                why.append(ByokEstate.setsPhrase(disk)).append(disk.clusters().isEmpty() ? "" : " for " + Text.list(disk.clusters(), 6));
            }
            if (disk.servesKms()) {
                why.append(disk.sets().isEmpty() ? "" : ", and by ").append("KMS of ")
                        .append(disk.kmsClusters().isEmpty() ? "a cluster" : Text.list(disk.kmsClusters(), 6));
            }
            why.append(')');
        } else if (any.key() != null) {
            why.append("key ").append(any.vault()).append('/').append(any.key());
        } else {
            why.append(any.operation().startsWith("Backup") ? "Managed HSM " : "vault ").append(any.vault());
        }
        if (c.estate().known() && disk == null) {
            List<String> diskKeys = c.estate().diskKeys().stream().filter(k -> k.vault().equals(any.vault()))
                    .map(ByokEstate.DiskKey::key).toList();
            why.append(", a vault that holds disk key").append(diskKeys.size() == 1 ? " " : "s ").append(Text.list(diskKeys, 4));
        }
        why.append(" (").append(t.succeeded == t.total ? "all succeeded" : t.succeeded + " succeeded").append("). ")
                .append(meaning(op));
        if (routine) {
            why.append(" The same caller did this on ").append(habitDays).append(" of the ").append(c.baselineDaysCovered())
                    .append(" baseline days, so it looks routine.");
        }
        double score = WEIGHT.getOrDefault(op, 50) - (t.succeeded == 0 ? 20 : 0);
        if (routine) {
            score /= 2;
        }
        return new Anomaly(ID, severity, score, any.vault(), any.key(), op, any.caller(), t.topAddress(), t.total,
                c.perWindow(habitCount), t.first, t.last, why.toString(),
                c.kql(any.vault(), any.key(), op, any.caller(), null, 0), c.chart(c.countsOf(t.records), c.baselineFrom()));
    }

    private static String meaning(String op) {
        return switch (op) {
            case "KeyDelete" -> "Deleting a disk key stops its disks from being unlocked on the next start or attach; with purge"
                    + " protection it can be recovered within the retention period.";
            case "KeyPurge" -> "Purging destroys a deleted key for good: whatever it wrapped can never be decrypted again.";
            case "VaultDelete" -> "Deleting the vault takes every key in it along.";
            case "KeyUpdate" -> "An update can disable the key, narrow its permitted operations or move its expiry.";
            case "KeyBackup" -> "A backup blob can be restored into another vault of the same subscription and geography: a copy"
                    + " of the key outside this vault's access control.";
            case "KeyRestore" -> "A key was restored from a backup blob.";
            case "KeyImport" -> "Key material was imported from outside the vault.";
            case "KeyExport", "KeyRelease" -> "Key material left the Managed HSM (exported, or released to a trusted execution"
                    + " environment).";
            case "BackupCreate" -> "A full backup of the Managed HSM copies every key in it, disk keys included, into a"
                    + " storage account outside the HSM's access control.";
            case "KeyRotationPolicySet" -> "The rotation policy, which decides when the key rotates and expires, changed.";
            case "VaultPut", "VaultPatch" -> "The vault's settings changed: access policies, network rules, soft delete or purge"
                    + " protection.";
            case "VaultAccessPolicyChangedEventGridNotification" -> "The vault's access policies changed.";
            default -> "";
        };
    }
}
