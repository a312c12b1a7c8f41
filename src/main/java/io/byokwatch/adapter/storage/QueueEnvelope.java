package io.byokwatch.adapter.storage;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.port.OutboxMessage;

import java.time.Instant;

/**
 * The text of one queue message: the outbox message's fields around its body. A queue message has its own id and
 * insertion time, but ours (the idempotency key, the partition, when the alert was made) must survive the trip.
 */
final class QueueEnvelope {
    private QueueEnvelope() {
    }

    static String write(OutboxMessage m) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", 1);
        o.addProperty("id", m.id());
        o.addProperty("partitionKey", m.partitionKey());
        o.addProperty("enqueuedAt", m.enqueuedAt().toString());
        o.addProperty("body", m.body());
        return o.toString();
    }

    static OutboxMessage read(String text, int dequeueCount) {
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            if (o.get("schema").getAsInt() != 1) {
                throw new BadRecordException("schema " + o.get("schema") + " is not 1");
            }
            return new OutboxMessage(o.get("id").getAsString(), o.get("partitionKey").getAsString(),
                    Instant.parse(o.get("enqueuedAt").getAsString()), o.get("body").getAsString(), dequeueCount);
        } catch (BadRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRecordException("not an outbox envelope (" + e.getClass().getSimpleName() + ")");
        }
    }
}
