package io.byokwatch.render.blast;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.BlastRadius;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.render.PrettyJson;

/**
 * {@code blast-radius --format json}. The original fields ({@code target}, {@code diskEncryptionSets}, {@code clusters}
 * with {@code id}, {@code nodePools}, {@code via}) keep their meaning, {@code via} gaining {@code pv} for persistent
 * volumes; the rest were added beside them.
 * {@code complete: false} means files could not be read, so more may depend on the target than is listed.
 */
public final class BlastRadiusJson {
    private BlastRadiusJson() {
    }

    public static String render(BlastRadius.Result r, InventoryCoverage coverage) {
        JsonObject o = new JsonObject();
        o.addProperty("schemaVersion", 1);
        o.addProperty("target", r.target());
        o.addProperty("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("complete", coverage.complete());
        JsonArray problems = new JsonArray();
        coverage.problems().forEach(problems::add);
        o.add("unreadable", problems);
        JsonArray keys = new JsonArray();
        for (BlastRadius.KeyInUse k : r.keys()) {
            JsonObject key = new JsonObject();
            key.addProperty("url", k.key().toString());
            JsonArray versions = new JsonArray();
            k.versions().forEach(versions::add);
            key.add("versions", versions);
            key.addProperty("followsLatest", k.latest());
            keys.add(key);
        }
        o.add("keys", keys);
        JsonArray sets = new JsonArray();
        for (DiskEncryptionSet s : r.diskEncryptionSets()) {
            sets.add(s.id().toString());
        }
        o.add("diskEncryptionSets", sets);
        JsonArray clusters = new JsonArray();
        for (BlastRadius.Dependent d : r.clusters()) {
            JsonObject c = new JsonObject();
            c.addProperty("id", d.clusterId().toString());
            c.addProperty("name", d.name());
            JsonArray pools = new JsonArray();
            d.nodePools().forEach(pools::add);
            c.add("nodePools", pools);
            c.addProperty("via", d.via());
            if (d.diskEncryptionSet() != null) {
                c.addProperty("diskEncryptionSet", d.diskEncryptionSet().toString());
            }
            if (d.kmsKey() != null) {
                c.addProperty("kmsKey", d.kmsKey().toString());
            }
            clusters.add(c);
        }
        o.add("clusters", clusters);
        o.addProperty("persistentVolumeDisksRead", r.volumesUnknown() == null);
        if (r.volumesUnknown() != null) {
            o.addProperty("persistentVolumeDisksNote", r.volumesUnknown());
        }
        JsonArray volumes = new JsonArray();
        for (BlastRadius.VolumeDisk v : r.volumeDisks()) {
            JsonObject d = new JsonObject();
            d.addProperty("id", v.disk().id().toString());
            JsonArray owners = new JsonArray();
            v.owners().forEach(id -> owners.add(id.toString()));
            d.add("clusterIds", owners);
            if (v.disk().claim() != null && !v.disk().claim().describe().isEmpty()) {
                d.addProperty("claim", v.disk().claim().describe());
            }
            d.addProperty("attached", v.disk().attached());
            volumes.add(d);
        }
        o.add("persistentVolumeDisks", volumes);
        return PrettyJson.write(o);
    }
}
