package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails for each persistent-volume disk (and VolumeSnapshot snapshot) of the cluster that is encrypted with the
 * platform key: the Azure Disk CSI driver sends no encryption block when the StorageClass names no set, so a cluster
 * whose node disks are on a customer key can keep its databases on Microsoft's. A full record without an encryption
 * block is the platform key (Azure's default); a stub record is not evaluated. Disks that were not read are a
 * report-level note, or not evaluated when the policy sets {@code requireDataDiskEvidence}.
 */
public final class PvDiskPlatformKeyRule extends CatalogRule implements ClusterRule {
    public static final String ID = "pv-disk-platform-key";

    public PvDiskPlatformKeyRule() {
        super(ID, Severity.HIGH,
                "Persistent volume is not encrypted with a customer-managed key",
                "a persistent-volume disk or VolumeSnapshot snapshot of the cluster uses the platform-managed key"
                        + " (its StorageClass names no diskEncryptionSetID)",
                Compliance.AT_REST);
    }

    @Override
    public List<KeyPurpose> keyUse() {
        return List.of(KeyPurpose.DATA_DISK);
    }

    @Override
    public void check(ClusterFacts facts, RuleContext context, Outcome out) {
        ManagedCluster c = facts.cluster();
        Lookup<List<ManagedDisk>> disks = facts.dataDisks();
        if (disks instanceof Lookup.Unknown<List<ManagedDisk>> u) {
            notRead(c, u.reason(), context, out);
        } else {
            for (ManagedDisk d : disks.orNull()) {
                judge(c, KeyConsumer.of(d), d.encryption(), "az disk show --ids ", out);
            }
        }
        Lookup<List<DiskSnapshot>> snapshots = facts.dataDiskSnapshots();
        if (snapshots instanceof Lookup.Unknown<List<DiskSnapshot>> u) {
            // snapshots are rarer and copies of disks judged above: never gating, always said
            out.unchecked(c.id(), u.reason());
        } else {
            for (DiskSnapshot s : snapshots.orNull()) {
                judge(c, KeyConsumer.of(s), s.encryption(), "az snapshot show --ids ", out);
            }
        }
    }

    private static void notRead(ManagedCluster c, String reason, RuleContext context, Outcome out) {
        if (context.settings().requireDataDiskEvidence()) {
            out.notEvaluated(c.id(), reason + " (the policy's requireDataDiskEvidence makes this cluster unknown)");
        } else {
            out.unchecked(c.id(), reason);
        }
    }

    /** @param show the command that prints the volume's full record, less its id (built only when a note needs it) */
    private static void judge(ManagedCluster c, KeyConsumer volume, DiskEncryption encryption, String show, Outcome out) {
        switch (encryption.keyKind()) {
            case PLATFORM -> out.fail(volume.id(), capitalised(volume.describe()) + " of cluster " + c.name()
                            + " is encrypted with the platform-managed key, so this persistent volume's data is not"
                            + " under the organisation's key.",
                    VolumeKeyFix.script(c, volume, c.diskEncryptionSetId()),
                    Evidence.of("encryptionType", encryption.type())
                            .and("encryptionBlock", encryption.evidence() == DiskEncryption.Evidence.REPORTED
                                    ? "present" : "absent (Azure's default, the platform key)")
                            .and("namespace", namespace(volume)).and("pvc", pvc(volume)).and("pv", pv(volume)).map(),
                    List.of(volume));
            case NOT_KNOWN -> out.notEvaluated(volume.id(), "the encryption of " + volume.describe() + " is not in the"
                    + " record" + (encryption.type() == null ? "" : " (type " + encryption.type() + " without a set)")
                    + "; add the output of `" + show + Bash.q(volume.id()) + "`");
            default -> {
                // a customer key: its chain is a data-disk key use through the set, judged by every key rule
                if (encryption.diskEncryptionSetId() == null) {
                    out.notEvaluated(volume.id(), "the record of " + volume.describe() + " says "
                            + encryption.type() + " but names no disk encryption set, so its key cannot be followed;"
                            + " add the output of `" + show + Bash.q(volume.id()) + "`");
                }
            }
        }
    }

    private static String namespace(KeyConsumer v) {
        if (v.claim() != null) {
            return v.claim().namespace();
        }
        return v.volumeSnapshot() == null ? null : v.volumeSnapshot().namespace();
    }

    private static String pvc(KeyConsumer v) {
        return v.claim() == null ? null : v.claim().pvcName();
    }

    private static String pv(KeyConsumer v) {
        return v.claim() == null ? null : v.claim().pvName();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

}
