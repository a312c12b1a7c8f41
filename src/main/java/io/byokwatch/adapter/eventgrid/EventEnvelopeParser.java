package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.ChangeEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads an Event Grid webhook delivery: an Event Grid schema array (or single event), or a CloudEvents 1.0 event or
 * batch, told apart by the fields of each event, the content type breaking ties.
 *
 * <p>The envelope is read with gson, not with the SDK's {@code EventGridEvent.fromString} /
 * {@code CloudEvent.fromString}: those reject the whole batch when one event lacks a field and surface a bare
 * {@code DateTimeParseException} for a bad time, while a webhook must keep the good events and say precisely what is
 * wrong with the others. The SDK still supplies the event type names ({@code SystemEventNames}).
 *
 * <p>Stateless: one instance can serve every request thread.
 */
public final class EventEnvelopeParser {
    /**
     * Event Grid's own ceiling for one delivery. A larger array did not come from Event Grid, and reading it would let
     * one request queue thousands of re-evaluations (each with live reads) before any answer is sent.
     */
    public static final int MAX_EVENTS_PER_BATCH = 5_000;

    /** Detects the schema from the body alone. */
    public ParsedBatch parse(String body) {
        return parse(body, null);
    }

    /** {@code contentType} may be null; a CloudEvents media type decides for events that carry no schema field. */
    public ParsedBatch parse(String body, String contentType) {
        return parseJson(JsonBody.parse(body), ContentType.parse(contentType));
    }

    /** For raw request bytes: decoded with the content type's charset, UTF-8 when it names none. */
    public ParsedBatch parse(byte[] body, String contentType) {
        ContentType type = ContentType.parse(contentType);
        return parseJson(JsonBody.parse(JsonBody.decode(body, type.charset())), type);
    }

    private ParsedBatch parseJson(JsonElement root, ContentType contentType) {
        EnvelopeSchema hint = contentType.schemaHint();
        List<JsonElement> items = new ArrayList<>();
        if (root.isJsonArray()) {
            JsonArray array = root.getAsJsonArray();
            if (array.size() > MAX_EVENTS_PER_BATCH) {
                throw new EventFormatException("The request body holds " + array.size() + " events; Event Grid delivers"
                        + " at most " + MAX_EVENTS_PER_BATCH + " per batch. Split it into batches of at most "
                        + MAX_EVENTS_PER_BATCH + ".");
            }
            array.forEach(items::add);
        } else if (root.isJsonObject()) {
            requireEventShape(root.getAsJsonObject(), hint);
            items.add(root);
        } else {
            throw new EventFormatException("The request body is " + Fields.kind(root) + ", not an event: expected a"
                    + " JSON array of Event Grid events, or a CloudEvents 1.0 event (a JSON object) or batch (an"
                    + " array). Post the events themselves, not a value or an encoded string.");
        }
        return readAll(items, hint);
    }

    private static ParsedBatch readAll(List<JsonElement> items, EnvelopeSchema hint) {
        List<ChangeEvent> events = new ArrayList<>();
        List<ParsedBatch.Rejected> rejected = new ArrayList<>();
        String validationCode = null;
        String validationUrl = null;
        for (int i = 0; i < items.size(); i++) {
            JsonElement item = items.get(i);
            JsonObject o = item.isJsonObject() ? item.getAsJsonObject() : null;
            try {
                if (o == null) {
                    throw new BadEvent("is " + Fields.kind(item) + ", not an event object");
                }
                EnvelopeSchema schema = EnvelopeSchema.detect(o, hint);
                if (schema == null) {
                    throw new BadEvent("is not an event: it has none of 'specversion', 'eventType', 'dataVersion',"
                            + " 'eventTime' (keys found: " + keys(o) + ")");
                }
                Envelope env = EnvelopeReader.read(o, schema);
                ChangeEvent event = ChangeEventMapper.map(env);
                if (ChangeEventMapper.isValidation(env)) {
                    ValidationData v = ValidationData.read(env.data());
                    if (validationCode == null) {
                        validationCode = v.code();
                        validationUrl = v.url();
                    }
                }
                events.add(event);
            } catch (BadEvent bad) {
                rejected.add(new ParsedBatch.Rejected(i, idOrNull(o), bad.reason()));
            } catch (RuntimeException unexpected) {
                // A payload shape nobody foresaw must cost one event, not the delivery; the class name keeps the
                // cause findable without a stack trace in the reason.
                rejected.add(new ParsedBatch.Rejected(i, idOrNull(o), "could not be read ("
                        + unexpected.getClass().getSimpleName() + ")"));
            }
        }
        return new ParsedBatch(events, rejected, validationCode, validationUrl);
    }

    /** A lone object that is no event at all is a wrong body, not a bad event of a batch. */
    private static void requireEventShape(JsonObject o, EnvelopeSchema hint) {
        if (EnvelopeSchema.detect(o, hint) != null) {
            return;
        }
        String found = o.size() == 0 ? "it is empty" : "keys found: " + keys(o);
        throw new EventFormatException("The request body is a JSON object but not an event (" + found + "). Expected"
                + " an Event Grid event with id, eventType, subject, eventTime, data, dataVersion (usually inside a"
                + " JSON array), or a CloudEvents 1.0 event with specversion, id, source, type. If the events are"
                + " wrapped in another object, post the inner array.");
    }

    private static String keys(JsonObject o) {
        String list = o.keySet().stream().limit(8).map(k -> "'" + Fields.quote(k) + "'")
                .collect(Collectors.joining(", "));
        return o.size() > 8 ? list + ", …" : list;
    }

    private static String idOrNull(JsonObject o) {
        if (o == null) {
            return null;
        }
        String id = Fields.text(o, "id");
        return id == null || id.isBlank() ? null : Fields.quote(id);
    }
}
