package io.byokwatch.adapter.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.port.OutboxMessage;

import java.time.Instant;

/** The JSON layout of one message file of the file outbox, with the lease state kept next to the message. */
final class OutboxFileFormat {
    static final int SCHEMA = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * @param visibleAt when the message may be leased again (end of a lease, or of a release delay); null = now
     * @param receipt   the token of the current lease, null when not leased
     */
    record Entry(OutboxMessage message, Instant visibleAt, String receipt) {
        boolean visibleAt(Instant now) {
            return visibleAt == null || !visibleAt.isAfter(now);
        }
    }

    private OutboxFileFormat() {
    }

    static String write(Entry e) {
        OutboxMessage m = e.message();
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("id", m.id());
        o.addProperty("partitionKey", m.partitionKey());
        o.addProperty("enqueuedAt", m.enqueuedAt().toString());
        o.addProperty("dequeueCount", m.dequeueCount());
        o.addProperty("visibleAt", e.visibleAt() == null ? null : e.visibleAt().toString());
        o.addProperty("receipt", e.receipt());
        o.addProperty("body", m.body());
        return GSON.toJson(o);
    }

    static Entry read(String text) {
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            if (o.get("schema").getAsInt() != SCHEMA) {
                throw new BadRecordException("schema " + o.get("schema") + " is not " + SCHEMA);
            }
            OutboxMessage m = new OutboxMessage(o.get("id").getAsString(), o.get("partitionKey").getAsString(),
                    Instant.parse(o.get("enqueuedAt").getAsString()), o.get("body").getAsString(),
                    o.get("dequeueCount").getAsInt());
            return new Entry(m, optionalInstant(o.get("visibleAt")), optionalString(o.get("receipt")));
        } catch (BadRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRecordException(text.isEmpty() ? "empty file" : "not a message file (" + e + ")");
        }
    }

    private static String optionalString(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Instant optionalInstant(JsonElement e) {
        String s = optionalString(e);
        return s == null ? null : Instant.parse(s);
    }
}
