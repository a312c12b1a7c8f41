package io.byokwatch.render.report;

import io.byokwatch.render.JsonStream;
import io.byokwatch.render.JsonValues;
import io.byokwatch.render.PrettyJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The JSON report: the public contract other tools parse, described by {@code schema/scan-report.v1.schema.json}.
 * Keys are written in a fixed order and absent values are left out rather than written as null, so any change here
 * is a contract change: bump {@link #SCHEMA_VERSION} and the schema together.
 */
public final class JsonReportRenderer implements ReportRenderer {
    public static final int SCHEMA_VERSION = 1;
    /** Classpath location of the JSON Schema that documents this output. */
    public static final String SCHEMA_RESOURCE = "schema/scan-report.v1.schema.json";

    @Override
    public String render(ScanReport report) {
        return PrettyJson.write(toJson(report));
    }

    /**
     * The same document, streamed: one cluster and one finding in memory at a time. For 10,000 clusters the report is
     * about 90 MB of JSON, which as one tree and then one string cost more time and memory than the scan itself.
     */
    @Override
    public void render(ScanReport report, Writer out) throws IOException {
        whole(report, JsonStream.to(out));
    }

    /**
     * The same document into a file, its two halves made at once: the clusters here, the shared findings and what
     * follows them on a second thread into a temporary file beside it, appended when both are done. Each half is about
     * half of the time of writing a 100,000-disk report, and neither needs the other. An older report is written over
     * and cut to length at the end rather than emptied first (freeing its blocks first cost 0.3 s for 440 MB). A
     * failure leaves the file incomplete, as a failure part-way through any write does; the command exits with it.
     */
    @Override
    public void render(ScanReport report, Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a pipe or device (--output /dev/stdout): one stream, nothing beside it
            try (OutputStream out = Files.newOutputStream(file)) {
                whole(report, JsonStream.to(out));
            }
            return;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Path part = partBeside(file);
            if (part == null) {
                whole(report, JsonStream.to(Channels.newOutputStream(out)));
            } else {
                try {
                    inHalves(report, out, part);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            out.truncate(out.position());
        }
    }

    /** A temporary file beside the report, or null where none can be made (a folder that takes only the report). */
    private static Path partBeside(Path file) {
        try {
            return Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".part");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static void inHalves(ScanReport report, FileChannel out, Path part) throws IOException {
        Throwable[] failed = new Throwable[1];
        Thread second = new Thread(() -> {
            try (OutputStream o = Files.newOutputStream(part)) {
                JsonStream w = JsonStream.to(o).insideObjectWithMembers();
                findingsHalf(report, w);
                w.finish();
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, "byokwatch-report-findings");
        second.setDaemon(true);
        second.start();
        try {
            JsonStream w = JsonStream.to(Channels.newOutputStream(out));
            clustersHalf(report, w);
            w.flush();
        } catch (IOException | RuntimeException | Error e) {
            // stop the other half before its file is deleted under it
            second.interrupt();
            join(second);
            throw e;
        }
        join(second);
        if (failed[0] instanceof IOException e) {
            throw e;
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failed[0] instanceof Error e) {
            throw e;
        }
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            for (long at = 0, size = in.size(); at < size; ) {
                at += in.transferTo(at, size - at, out);
            }
        }
    }

    private static void join(Thread t) throws IOException {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the report", e);
        }
    }

    private static void whole(ScanReport report, JsonStream w) throws IOException {
        clustersHalf(report, w);
        findingsHalf(report, w);
        w.finish();
    }

    /** The top-level object begun, up to and including the clusters; the object stays open. */
    private static void clustersHalf(ScanReport report, JsonStream w) throws IOException {
        w.beginObject();
        w.name("schemaVersion").value(SCHEMA_VERSION);
        w.name("generatedAt").value(DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        w.name("clusters").beginArray();
        for (ClusterVerdict c : report.clusters()) {
            w.value(cluster(c));
        }
        w.endArray();
    }

    /** The shared findings and everything after them, closing the top-level object. */
    private static void findingsHalf(ScanReport report, JsonStream w) throws IOException {
        w.name("findings").beginArray();
        for (ScanReport.SharedFinding s : report.findings()) {
            w.value(finding(s.finding(), s.clusterIds()));
        }
        w.endArray();
        for (Map.Entry<String, JsonElement> e : tail(report).entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
    }

    /** The report as a JSON tree, for callers that embed it in a larger document. */
    public JsonObject toJson(ScanReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("schemaVersion", SCHEMA_VERSION);
        root.addProperty("generatedAt", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        JsonArray clusters = new JsonArray();
        report.clusters().forEach(c -> clusters.add(cluster(c)));
        root.add("clusters", clusters);
        JsonArray findings = new JsonArray();
        report.findings().forEach(s -> findings.add(finding(s.finding(), s.clusterIds())));
        root.add("findings", findings);
        tail(report).entrySet().forEach(e -> root.add(e.getKey(), e.getValue()));
        return root;
    }

    /** Everything after the findings, in order: small whatever the estate's size. */
    private static JsonObject tail(ScanReport report) {
        JsonObject root = new JsonObject();
        root.add("summary", summary(report.summary()));
        if (!report.policyWarnings().isEmpty()) {
            JsonArray policyWarnings = new JsonArray();
            report.policyWarnings().forEach(policyWarnings::add);
            root.add("policyWarnings", policyWarnings);
        }
        if (!report.coverage().isEmpty()) {
            JsonArray coverage = new JsonArray();
            for (ScanReport.Coverage c : report.coverage()) {
                JsonObject o = new JsonObject();
                put(o, "ruleId", c.ruleId());
                put(o, "keyUse", c.keyUse());
                JsonArray ids = new JsonArray();
                c.clusterIds().forEach(id -> ids.add(id.toString()));
                o.add("clusterIds", ids);
                put(o, "note", c.note());
                o.add("reasons", JsonValues.of(c.reasons()));
                coverage.add(o);
            }
            root.add("coverage", coverage);
        }
        if (report.orphanDisks() != null) {
            JsonArray orphans = new JsonArray();
            report.orphanDisks().forEach(d -> orphans.add(OrphanDisks.json(d)));
            root.add("orphanDisks", orphans);
        }
        return root;
    }

    public static JsonObject cluster(ClusterVerdict v) {
        JsonObject o = new JsonObject();
        put(o, "id", v.clusterId());
        put(o, "name", v.name());
        put(o, "subscriptionId", v.subscriptionId());
        put(o, "status", v.status().label());
        JsonArray findings = new JsonArray();
        v.findings().forEach(f -> findings.add(finding(f, null)));
        o.add("findings", findings);
        JsonArray exempted = new JsonArray();
        v.exempted().forEach(e -> exempted.add(exempted(e)));
        o.add("exempted", exempted);
        JsonArray notEvaluated = new JsonArray();
        v.notEvaluated().forEach(n -> notEvaluated.add(notEvaluated(n)));
        o.add("notEvaluated", notEvaluated);
        return o;
    }

    /** Per-cluster entries pass null cluster ids: the enclosing cluster already says which one. */
    public static JsonObject finding(Finding f, List<ResourceId> clusterIds) {
        JsonObject o = new JsonObject();
        put(o, "ruleId", f.ruleId());
        put(o, "severity", f.severity().label());
        put(o, "resourceId", f.resourceId());
        if (clusterIds != null) {
            JsonArray ids = new JsonArray();
            clusterIds.forEach(id -> ids.add(id.toString()));
            o.add("clusterIds", ids);
        }
        if (!f.keyUse().isEmpty()) {
            o.add("keyUse", JsonValues.of(f.keyUse()));
        }
        put(o, "title", f.title());
        put(o, "message", f.message());
        put(o, "remediation", f.remediation());
        o.add("evidence", JsonValues.object(f.evidence()));
        o.add("references", JsonValues.of(f.references()));
        if (!f.volumes().isEmpty()) {
            JsonArray volumes = new JsonArray();
            f.volumes().forEach(v -> volumes.add(volume(v)));
            o.add("volumes", volumes);
        }
        return o;
    }

    /** A persistent-volume disk or snapshot a finding affects, with the Kubernetes names its CSI tags give. */
    static JsonObject volume(KeyConsumer v) {
        JsonObject o = new JsonObject();
        put(o, "resourceId", v.id());
        put(o, "kind", v.kind().label());
        put(o, "name", v.name());
        if (v.claim() != null) {
            put(o, "namespace", v.claim().namespace());
            put(o, "pvcName", v.claim().pvcName());
            put(o, "pvName", v.claim().pvName());
        }
        if (v.volumeSnapshot() != null) {
            put(o, "namespace", v.volumeSnapshot().namespace());
            put(o, "volumeSnapshotName", v.volumeSnapshot().name());
        }
        return o;
    }

    private static JsonObject exempted(Exempted e) {
        Finding f = e.finding();
        JsonObject o = new JsonObject();
        put(o, "ruleId", f.ruleId());
        put(o, "severity", f.severity().label());
        put(o, "resourceId", f.resourceId());
        put(o, "message", f.message());
        put(o, "exemptedBy", e.exemptionScope());
        put(o, "reason", e.reason());
        put(o, "approvedBy", e.approvedBy());
        put(o, "expires", e.expires() == null ? null : e.expires().toString());
        o.addProperty("expired", e.expired());
        return o;
    }

    private static JsonObject notEvaluated(NotEvaluated n) {
        JsonObject o = new JsonObject();
        put(o, "ruleId", n.ruleId());
        put(o, "resourceId", n.resourceId());
        put(o, "reason", n.reason());
        return o;
    }

    private static JsonObject summary(ScanReport.Summary s) {
        JsonObject o = new JsonObject();
        o.addProperty("clusters", s.clusters());
        o.addProperty("compliant", s.count(ClusterStatus.COMPLIANT));
        o.addProperty("noncompliant", s.count(ClusterStatus.NONCOMPLIANT));
        o.addProperty("exempt", s.count(ClusterStatus.EXEMPT));
        o.addProperty("notRequired", s.count(ClusterStatus.NOT_REQUIRED));
        o.addProperty("unknown", s.count(ClusterStatus.UNKNOWN));
        JsonObject bySeverity = new JsonObject();
        for (Severity severity : Severity.values()) {
            bySeverity.addProperty(severity.label(), s.count(severity));
        }
        o.add("bySeverity", bySeverity);
        return o;
    }

    private static void put(JsonObject o, String key, Object value) {
        if (value != null) {
            o.addProperty(key, value.toString());
        }
    }
}
