package io.byokwatch.render.doctor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.doctor.CheckStatus;
import io.byokwatch.app.doctor.DoctorCheck;
import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.render.PrettyJson;

import java.time.format.DateTimeFormatter;

/**
 * The doctor report as JSON, the contract described by {@code schema/doctor-report.v1.schema.json}: keys in a fixed
 * order, absent values left out. A change here is a contract change: bump {@link #SCHEMA_VERSION} with the schema.
 */
public final class DoctorJson {
    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "schema/doctor-report.v1.schema.json";

    private DoctorJson() {
    }

    public static String render(DoctorReport report) {
        return PrettyJson.write(toJson(report));
    }

    public static JsonObject toJson(DoctorReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("schemaVersion", SCHEMA_VERSION);
        root.addProperty("generatedAt", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        root.addProperty("identity", report.identity());
        JsonObject scope = new JsonObject();
        JsonArray subs = new JsonArray();
        report.scope().subscriptions().forEach(subs::add);
        scope.add("subscriptions", subs);
        if (report.scope().managementGroup() != null) {
            scope.addProperty("managementGroup", report.scope().managementGroup());
        }
        root.add("scope", scope);
        root.addProperty("passed", report.allPassed());
        JsonArray checks = new JsonArray();
        for (DoctorCheck c : report.checks()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", c.id());
            o.addProperty("subject", c.subject());
            o.addProperty("status", c.status().label());
            o.addProperty("detail", c.detail());
            if (c.fix() != null) {
                o.addProperty("fix", c.fix());
            }
            checks.add(o);
        }
        root.add("checks", checks);
        JsonObject summary = new JsonObject();
        for (CheckStatus s : CheckStatus.values()) {
            summary.addProperty(s.label(), report.count(s));
        }
        root.add("summary", summary);
        return root;
    }
}
