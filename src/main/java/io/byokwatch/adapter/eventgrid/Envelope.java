package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;

import java.time.Instant;

/** The schema-neutral envelope of one event; {@code data} is untouched JSON (possibly null). */
record Envelope(EnvelopeSchema schema, String id, String type, String topic, String subject, Instant time,
                JsonElement data) {
}
