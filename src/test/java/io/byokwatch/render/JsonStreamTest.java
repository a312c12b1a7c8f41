package io.byokwatch.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The streamed document must be byte for byte what Gson's pretty printer writes: reports are diffed and parsed. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonStreamTest {
    private static String viaBytes(JsonElement e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonStream s = JsonStream.to(bytes);
        s.value(e).finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String viaWriter(JsonElement e) throws IOException {
        StringWriter text = new StringWriter();
        JsonStream s = JsonStream.to(text);
        s.value(e).finish();
        return text.toString();
    }

    private static JsonObject tricky() {
        JsonObject o = new JsonObject();
        o.addProperty("plain", "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/disks/pvc-1");
        o.addProperty("escapes", "quote \" backslash \\ tab \t newline \n cr \r bs \b ff \f nul \u0000 esc \u001b del \u007f");
        o.addProperty("html", "<kv-name> & 'single' = ok");
        o.addProperty("unicode", "caf\u00e9 \u2192 \uD83D\uDD11 \u2028 \u2029 \u00ff\u0100");
        o.addProperty("number", 42);
        o.addProperty("negative", -1.5);
        o.addProperty("big", new BigDecimal("12345678901234567890.5"));
        o.addProperty("yes", true);
        o.addProperty("no", false);
        o.add("nullMember", JsonNull.INSTANCE);
        o.add("emptyArray", new JsonArray());
        o.add("emptyObject", new JsonObject());
        JsonArray a = new JsonArray();
        a.add(JsonNull.INSTANCE);
        a.add(1);
        a.add(new JsonArray());
        JsonObject inner = new JsonObject();
        inner.add("deeper", new JsonArray());
        inner.getAsJsonArray("deeper").add("x");
        a.add(inner);
        o.add("array", a);
        o.addProperty("", "empty name");
        return o;
    }

    @Test
    void writesExactlyWhatGsonsPrettyPrinterWrites_escapesUnicodeEmptiesAndNulls() throws IOException {
        JsonObject o = tricky();
        assertEquals(PrettyJson.write(o), viaBytes(o));
        assertEquals(PrettyJson.write(o), viaWriter(o));
    }

    @Test
    void topLevelScalarsAndArrays_matchGson() throws IOException {
        for (String json : new String[] {"[]", "{}", "\"x\"", "7", "true", "[1,[2,[3,{}]],{\"a\":[]}]"}) {
            JsonElement e = JsonParser.parseString(json);
            assertEquals(PrettyJson.write(e), viaBytes(e), json);
        }
    }

    @Test
    void loneSurrogates_areQuestionMarks_asTheReportWriterAlwaysWroteThem() throws IOException {
        JsonArray a = new JsonArray();
        a.add("a\uD83Db\uDD11c\uD83D");
        assertEquals("[\n  \"a?b?c?\"\n]\n", viaBytes(a));
    }

    @Test
    void multiByteCharactersAcrossTheBufferEdge_reachAWriterWhole() throws IOException {
        // strings long enough to cross the 64 KB buffer at every offset of a two-, three- and four-byte sequence
        for (String wide : new String[] {"\u00e9", "\u2192", "\uD83D\uDD11"}) {
            for (int shift = 0; shift < 6; shift++) {
                JsonArray a = new JsonArray();
                a.add("y".repeat(65_536 - 8 - shift) + wide.repeat(40_000) + "z");
                a.add("q".repeat(3 * 65_536 + shift));
                assertEquals(PrettyJson.write(a), viaWriter(a), wide + " shift " + shift);
                assertEquals(PrettyJson.write(a), viaBytes(a), wide + " shift " + shift);
            }
        }
    }

    @Test
    void namesAndValuesStreamed_formatAsTheTree() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonStream s = JsonStream.to(bytes);
        s.beginObject().name("schemaVersion").value(1).name("list").beginArray();
        s.value(tricky()).value("two").endArray().name("absent").value((String) null).name("flag").value(true).endObject();
        s.finish();
        JsonObject tree = new JsonObject();
        tree.addProperty("schemaVersion", 1);
        JsonArray list = new JsonArray();
        list.add(tricky());
        list.add("two");
        tree.add("list", list);
        tree.addProperty("flag", true);
        assertEquals(PrettyJson.write(tree), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void misuse_isRefused_notWrittenAsBrokenJson() throws IOException {
        JsonStream s = JsonStream.to(new ByteArrayOutputStream());
        assertThrows(IllegalStateException.class, s::endObject);
        s.beginObject().name("a");
        assertThrows(IllegalStateException.class, () -> s.name("b"));
        assertThrows(IllegalStateException.class, s::finish);
    }
}
