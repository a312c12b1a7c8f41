package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Reads the envelope fields of one event in either schema. Required fields follow each schema: Event Grid needs id,
 * eventType and eventTime (subject and topic are always sent but not needed here); CloudEvents 1.0 needs specversion,
 * id, source and type, and makes time optional.
 */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    static Envelope read(JsonObject o, EnvelopeSchema schema) {
        return schema == EnvelopeSchema.CLOUD_EVENTS ? cloudEvent(o) : eventGridEvent(o);
    }

    private static Envelope eventGridEvent(JsonObject o) {
        String id = Fields.requiredString(o, "id");
        String type = Fields.requiredString(o, "eventType");
        Instant time = EventTimes.parse(Fields.requiredString(o, "eventTime"), "eventTime");
        return new Envelope(EnvelopeSchema.EVENT_GRID, id, type.trim(), Fields.optionalString(o, "topic"),
                Fields.optionalString(o, "subject"), time, o.get("data"));
    }

    private static Envelope cloudEvent(JsonObject o) {
        String version = Fields.requiredString(o, "specversion").trim();
        if (!version.equals("1.0")) {
            throw new BadEvent("field 'specversion' is '" + Fields.quote(version) + "'; only CloudEvents 1.0 is"
                    + " supported: set the Event Grid subscription's event schema to CloudEvents v1.0");
        }
        String id = Fields.requiredString(o, "id");
        String type = Fields.requiredString(o, "type");
        String source = Fields.requiredString(o, "source");
        String timeText = Fields.optionalString(o, "time");
        Instant time = timeText == null ? null : EventTimes.parse(timeText, "time");
        return new Envelope(EnvelopeSchema.CLOUD_EVENTS, id, type.trim(), source,
                Fields.optionalString(o, "subject"), time, cloudEventData(o));
    }

    /** {@code data} as JSON, or {@code data_base64} decoded (and read as JSON when it is). */
    private static JsonElement cloudEventData(JsonObject o) {
        JsonElement data = o.get("data");
        if (data != null && !data.isJsonNull()) {
            return data;
        }
        String base64 = Fields.optionalString(o, "data_base64");
        if (base64 == null) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadEvent("field 'data_base64' is not valid base64");
        }
        try {
            return JsonBody.parse(decoded);
        } catch (EventFormatException notJson) {
            return new JsonPrimitive(decoded);
        }
    }
}
