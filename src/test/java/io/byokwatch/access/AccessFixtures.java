package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small hand-built access logs for detector tests: a 14-day baseline and a one-day window, a disk key kv-pay/aks-disk
 * used by des-pay (identity {@link #DES}) for cluster aks-pay, steady traffic, and helpers to add what a test needs.
 */
final class AccessFixtures {
    /** The window is the day starting here (a Tuesday); the baseline the 14 days before. */
    static final Instant WINDOW = Instant.parse("2026-11-17T00:00:00Z");
    static final Instant START = WINDOW.minus(Duration.ofDays(14));
    static final Instant END = WINDOW.plus(Duration.ofDays(1));
    static final Caller DES = new Caller("8f5cc9a7-ee13-4650-a223-2aaf82c9fdd6", null, null);
    static final Caller PERSON = new Caller("3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f71", null, "alex@contoso.example");
    static final Caller APP = new Caller("11111111-2222-3333-4444-555555555555", "99999999-8888-7777-6666-555555555555", null);

    final List<AccessRecord> records = new ArrayList<>();

    /** Steady use of the disk key by its set: {@code perHour} unwraps every hour of baseline and window, from 20.1.2.x. */
    AccessFixtures steadyDiskTraffic(int perHour) {
        for (Instant h = START; h.isBefore(END); h = h.plusSeconds(3600)) {
            add(h, "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2." + (1 + h.getEpochSecond() / 3600 % 200), 200, perHour);
        }
        return this;
    }

    AccessFixtures add(Instant hour, String vault, String key, String op, Caller caller, String ip, int status, long count) {
        records.add(new AccessRecord(hour, vault, key, op, caller, ip, status, count, hour.plusSeconds(60), hour.plusSeconds(3000)));
        return this;
    }

    /** An hour of the window, 0-23. */
    static Instant windowHour(int h) {
        return WINDOW.plusSeconds(3600L * h);
    }

    AccessIndex index() {
        HourlyBins bins = new HourlyBins();
        records.forEach(bins);
        return AccessIndex.of(bins.drain(), START, END);
    }

    static ByokEstate estate() {
        return estate(new ManagedIdentity("SystemAssigned", DES.objectId(), null, Map.of()), List.of());
    }

    static ByokEstate estate(ManagedIdentity identity, List<KeyRef> kmsKeys) {
        ResourceId setId = ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys"
                + "/providers/Microsoft.Compute/diskEncryptionSets/des-pay");
        DiskEncryptionSet set = new DiskEncryptionSet(setId, "des-pay", "westeurope", "EncryptionAtRestWithCustomerKey",
                KeyRef.parse("https://kv-pay.vault.azure.net/keys/aks-disk/0123"), null, true, null, null, null, identity,
                null, "Succeeded");
        ManagedCluster cluster = new ManagedCluster(ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"
                + "/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-pay"), "aks-pay",
                "westeurope", Tags.NONE, setId, KmsProfile.NONE, List.of(), "Succeeded");
        Map<DiskEncryptionSet, List<ManagedCluster>> sets = new LinkedHashMap<>();
        sets.put(set, List.of(cluster));
        return ByokEstate.of(sets, kmsKeys);
    }

    List<Anomaly> detect(Detector d, ByokEstate estate) {
        return detect(d, estate, Thresholds.DEFAULTS);
    }

    List<Anomaly> detect(Detector d, ByokEstate estate, Thresholds t) {
        DetectionContext c = new DetectionContext(index(), WINDOW, END, 14, estate, t, s -> "rows of " + s.vault() + "/" + s.key());
        return d.detect(c);
    }
}
