package io.byokwatch.render.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.PersistentVolumeClaimRef;

import java.util.List;

/** How every format names a persistent-volume disk that no watched cluster can be proven to own. */
final class OrphanDisks {
    private static final int NAMED = 5;

    private OrphanDisks() {
    }

    /** {@code disk pvc-1 (ehr/data-0) in group rg-x, platform key, unattached}. */
    static String describe(ManagedDisk d) {
        return d.describe() + " in group " + d.resourceGroup() + ", " + key(d) + ", "
                + (d.attached() ? "attached to " + d.attachedTo().get(0).name() : "unattached");
    }

    /** Up to five described, then how many more. */
    static String names(List<ManagedDisk> disks) {
        List<String> shown = disks.stream().limit(NAMED).map(OrphanDisks::describe).toList();
        return String.join("; ", shown) + (disks.size() > NAMED ? "; and " + (disks.size() - NAMED) + " more" : "");
    }

    private static String key(ManagedDisk d) {
        return switch (d.encryption().keyKind()) {
            case PLATFORM -> "platform key";
            case CUSTOMER, PLATFORM_AND_CUSTOMER -> "customer key through " + (d.encryption().diskEncryptionSetId() == null
                    ? "an unnamed set" : "set " + d.encryption().diskEncryptionSetId().name());
            case NOT_KNOWN -> "encryption not in the record";
        };
    }

    static JsonObject json(ManagedDisk d) {
        JsonObject o = new JsonObject();
        o.addProperty("resourceId", d.id().toString());
        o.addProperty("name", d.name());
        PersistentVolumeClaimRef claim = d.claim();
        if (claim != null) {
            put(o, "namespace", claim.namespace());
            put(o, "pvcName", claim.pvcName());
            put(o, "pvName", claim.pvName());
        }
        if (d.encryption().known()) {
            put(o, "encryptionType", d.encryption().type());
        }
        if (d.encryption().diskEncryptionSetId() != null) {
            o.addProperty("diskEncryptionSetId", d.encryption().diskEncryptionSetId().toString());
        }
        o.addProperty("attached", d.attached());
        if (!d.attachedTo().isEmpty()) {
            JsonArray to = new JsonArray();
            d.attachedTo().forEach(m -> to.add(m.toString()));
            o.add("attachedTo", to);
        }
        return o;
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) {
            o.addProperty(key, value);
        }
    }
}
