package io.byokwatch.adapter.storage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Notice;
import io.byokwatch.port.AlertProgress;
import io.byokwatch.port.ClusterNotices;
import io.byokwatch.port.DeadLetters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON text of the notifier's records, the same in files and in table entities, so both stores read each other's
 * output and a person can read either. Errors kept in progress are cut short: they are for reading, not for replaying.
 */
final class DeliveryRecords {
    static final int SCHEMA = 1;
    private static final int MAX_ERROR = 500;

    private DeliveryRecords() {
    }

    static String write(AlertProgress p) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("alertId", p.alertId());
        o.addProperty("clusterKey", p.clusterKey());
        o.addProperty("presentation", p.presentation() == null ? null : p.presentation().name().toLowerCase(Locale.ROOT));
        o.addProperty("heldUntil", p.heldUntil() == null ? null : p.heldUntil().toString());
        o.add("recent", transitions(p.recent()));
        JsonObject channels = new JsonObject();
        p.channels().forEach((name, c) -> {
            JsonObject x = new JsonObject();
            x.addProperty("state", c.state().name().toLowerCase(Locale.ROOT));
            x.addProperty("attempts", c.attempts());
            x.addProperty("lastError", c.lastError() == null ? null
                    : c.lastError().length() > MAX_ERROR ? c.lastError().substring(0, MAX_ERROR) : c.lastError());
            channels.add(name, x);
        });
        o.add("channels", channels);
        return o.toString();
    }

    static AlertProgress progress(String text) {
        try {
            JsonObject o = schema(text);
            Map<String, AlertProgress.Channel> channels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("channels").entrySet()) {
                JsonObject c = e.getValue().getAsJsonObject();
                channels.put(e.getKey(), new AlertProgress.Channel(
                        AlertProgress.State.valueOf(c.get("state").getAsString().toUpperCase(Locale.ROOT)),
                        c.get("attempts").getAsInt(), optional(c.get("lastError"))));
            }
            String presentation = optional(o.get("presentation"));
            return new AlertProgress(o.get("alertId").getAsString(), o.get("clusterKey").getAsString(),
                    presentation == null ? null : AlertProgress.Presentation.valueOf(presentation.toUpperCase(Locale.ROOT)),
                    instant(o.get("heldUntil")), transitions(o.get("recent")), channels);
        } catch (BadRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRecordException("not a delivery progress record (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String write(ClusterNotices n, long version) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("version", version);
        o.addProperty("clusterKey", n.clusterKey());
        o.addProperty("lastSequence", n.lastSequence());
        o.addProperty("lastAlertId", n.lastAlertId());
        o.add("recent", transitions(n.recent()));
        o.addProperty("heldAlertId", n.heldAlertId());
        o.addProperty("lastFlappingAt", n.lastFlappingAt() == null ? null : n.lastFlappingAt().toString());
        return o.toString();
    }

    /** @param version the store's token for this record: a file's counter, or an entity's ETag */
    static ClusterNotices notices(String text, String version) {
        try {
            JsonObject o = schema(text);
            return new ClusterNotices(o.get("clusterKey").getAsString(), o.get("lastSequence").getAsLong(),
                    optional(o.get("lastAlertId")), transitions(o.get("recent")), optional(o.get("heldAlertId")), instant(o.get("lastFlappingAt")),
                    version != null ? version : o.get("version").getAsString());
        } catch (BadRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRecordException("not a cluster notice record (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String write(DeadLetters.DeadLetter d) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("alertId", d.alertId());
        o.addProperty("channel", d.channel());
        o.addProperty("reason", d.reason());
        o.addProperty("attempts", d.attempts());
        o.addProperty("at", d.at().toString());
        o.addProperty("body", d.body());
        return o.toString();
    }

    static DeadLetters.DeadLetter deadLetter(String text) {
        try {
            JsonObject o = schema(text);
            return new DeadLetters.DeadLetter(o.get("alertId").getAsString(), o.get("channel").getAsString(),
                    o.get("reason").getAsString(), o.get("attempts").getAsInt(), Instant.parse(o.get("at").getAsString()),
                    o.get("body").getAsString());
        } catch (BadRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRecordException("not a dead letter (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonObject schema(String text) {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        if (o.get("schema").getAsInt() != SCHEMA) {
            throw new BadRecordException("schema " + o.get("schema") + " is not " + SCHEMA);
        }
        return o;
    }

    private static JsonArray transitions(List<Notice.Transition> ts) {
        JsonArray a = new JsonArray();
        for (Notice.Transition t : ts) {
            JsonObject x = new JsonObject();
            x.addProperty("kind", t.kind().label());
            x.addProperty("at", t.at().toString());
            a.add(x);
        }
        return a;
    }

    private static List<Notice.Transition> transitions(JsonElement e) {
        List<Notice.Transition> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        for (JsonElement x : e.getAsJsonArray()) {
            JsonObject t = x.getAsJsonObject();
            out.add(new Notice.Transition(Alert.Kind.valueOf(t.get("kind").getAsString().toUpperCase(Locale.ROOT)),
                    Instant.parse(t.get("at").getAsString())));
        }
        return out;
    }

    private static String optional(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Instant instant(JsonElement e) {
        String s = optional(e);
        return s == null ? null : Instant.parse(s);
    }
}
