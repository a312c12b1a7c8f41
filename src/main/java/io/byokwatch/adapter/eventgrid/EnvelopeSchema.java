package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonObject;
import io.byokwatch.domain.ChangeEvent;

/** The two envelopes Event Grid delivers in, told apart by their own required fields. */
enum EnvelopeSchema {
    EVENT_GRID(ChangeEvent.SCHEMA_EVENT_GRID),
    CLOUD_EVENTS(ChangeEvent.SCHEMA_CLOUD_EVENTS);

    private final String label;

    EnvelopeSchema(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * {@code specversion} exists only in CloudEvents; {@code eventType}, {@code dataVersion}, {@code metadataVersion}
     * and {@code eventTime} only in the Event Grid schema. The content type breaks a tie; {@code type}/{@code source}
     * alone still mean a CloudEvent (one missing its specversion, which the reader then reports). Null: not an event.
     */
    static EnvelopeSchema detect(JsonObject o, EnvelopeSchema hint) {
        if (o.has("specversion")) {
            return CLOUD_EVENTS;
        }
        if (o.has("eventType") || o.has("dataVersion") || o.has("metadataVersion") || o.has("eventTime")) {
            return EVENT_GRID;
        }
        if (hint != null) {
            return hint;
        }
        if (o.has("type") || o.has("source")) {
            return CLOUD_EVENTS;
        }
        return null;
    }
}
