package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.impact.InMemoryInventory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged versions of the published samples: the parser answers with events, rejections or an
 * {@link EventFormatException}, never with another exception, and the router copes with whatever it let through.
 */
class HostilePayloadTest {
    private static final List<String> FILES = List.of(
            "eg_resource_write_success_eventgridschema_docs.json",
            "eg_resource_delete_success_eventgridschema_docs.json",
            "eg_resource_write_success_cloudevents_docs.json",
            "eg_resource_delete_success_stringified_data_fields_javasdk_test.json",
            "eg_subscription_validation_event_docs.json",
            "eg_keyvault_secret_new_version_eventgridschema_docs.json");
    private static final List<JsonElement> REPLACEMENTS = List.of(JsonNull.INSTANCE, new JsonPrimitive(7),
            new JsonPrimitive(""), new JsonPrimitive(" / "), new JsonPrimitive(true), new JsonArray(), new JsonObject(),
            new JsonPrimitive("{\"upn\":1}"), new JsonPrimitive("/subscriptions/s/providers/Microsoft.KeyVault/vaults"));

    private static final String JSON_CHARS = "{}[],:\"\\ 0a";

    private final EventEnvelopeParser parser = new EventEnvelopeParser();
    private final ImpactRouter router = new ImpactRouter();
    private final InMemoryInventory inventory = new InMemoryInventory();

    private void survive(String body, String what) {
        try {
            ParsedBatch batch = parser.parse(body);
            for (ChangeEvent e : batch.events()) {
                router.route(e, inventory);
            }
        } catch (EventFormatException expected) {
            // a whole-body problem, reported as such
        } catch (RuntimeException e) {
            fail(what + " threw " + e + " for body: " + body);
        }
    }

    @Test
    void everyFieldReplacedByEveryJsonKindIsSurvivedOneEventAtATime() {
        for (String file : FILES) {
            JsonArray original = JsonParser.parseString(Corpus.read(file)).getAsJsonArray();
            List<List<String>> paths = new ArrayList<>();
            collect(original.get(0), List.of(), paths);
            for (List<String> path : paths) {
                for (JsonElement replacement : REPLACEMENTS) {
                    JsonArray copy = original.deepCopy();
                    copy.add(original.get(0).deepCopy());
                    replace(copy.get(0), path, replacement);
                    ParsedBatch batch = parser.parse(copy.toString());
                    assertEquals(2, batch.events().size() + batch.rejected().size(), file + " " + path);
                    survive(copy.toString(), file + " with " + path + " = " + replacement);
                }
            }
        }
    }

    @Test
    void randomByteDamageIsSurvived() {
        Random random = new Random(20240501L);
        for (String file : FILES) {
            String text = Corpus.read(file);
            for (int i = 0; i < 300; i++) {
                StringBuilder damaged = new StringBuilder(text);
                int edits = 1 + random.nextInt(3);
                for (int j = 0; j < edits && damaged.length() > 0; j++) {
                    int at = random.nextInt(damaged.length());
                    switch (random.nextInt(3)) {
                        case 0 -> damaged.deleteCharAt(at);
                        case 1 -> damaged.insert(at, JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
                        default -> damaged.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                survive(damaged.toString(), file + " damage #" + i);
            }
        }
    }

    /** Paths as key lists: claim names are URIs full of slashes. */
    private static void collect(JsonElement e, List<String> path, List<List<String>> out) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                List<String> p = new ArrayList<>(path);
                p.add(entry.getKey());
                out.add(p);
                collect(entry.getValue(), p, out);
            }
        }
    }

    private static void replace(JsonElement root, List<String> path, JsonElement value) {
        JsonElement parent = root;
        for (String key : path.subList(0, path.size() - 1)) {
            parent = parent.getAsJsonObject().get(key);
        }
        parent.getAsJsonObject().add(path.get(path.size() - 1), value.deepCopy());
    }
}
