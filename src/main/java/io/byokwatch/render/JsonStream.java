package io.byokwatch.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Streams JSON byte for byte as {@link PrettyJson} formats it (two-space indent, {@code ": "}, null object members
 * left out, Gson's escapes with HTML escaping off), encoding UTF-8 straight into its own buffer. A 100,000-disk report
 * is about 440 MB; through Gson's writer every character took two virtual calls and a bounds check on the way to the
 * bytes, which cost more than judging the estate. Lone surrogates are written as {@code ?}, as
 * {@link String#getBytes} does. Not thread-safe: one document, one thread.
 */
public final class JsonStream {
    /** Where bytes go when the buffer fills; it only ever receives whole UTF-8 sequences. */
    public interface Utf8Target {
        void writeUtf8(byte[] bytes, int off, int len) throws IOException;
    }

    private static final int SIZE = 1 << 16;
    /** Room kept at the end of the buffer: the longest thing written without a check (an escape or a 4-byte sequence). */
    private static final int SLACK = 8;
    private static final int MAX_DEPTH = 255;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For each ASCII character, 0 when written as is, else the letter of its short escape or 'u'. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\f'] = 'f';
    }

    private final Utf8Target target;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    /** Per open object or array: whether it has a member yet (for the comma and the closing newline). */
    private final boolean[] nonEmpty = new boolean[MAX_DEPTH + 1];
    private int depth;
    private String pendingName;

    public JsonStream(Utf8Target target) {
        this.target = target;
    }

    public static JsonStream to(OutputStream out) {
        return new JsonStream(out::write);
    }

    /** Over any writer: a writer that takes UTF-8 bytes directly is given them, any other one decoded text. */
    public static JsonStream to(Writer out) {
        if (out instanceof Utf8Target direct) {
            return new JsonStream(direct);
        }
        return new JsonStream((b, off, len) -> out.write(new String(b, off, len, StandardCharsets.UTF_8)));
    }

    public JsonStream beginObject() throws IOException {
        return open('{');
    }

    public JsonStream endObject() throws IOException {
        return close('}');
    }

    public JsonStream beginArray() throws IOException {
        return open('[');
    }

    public JsonStream endArray() throws IOException {
        return close(']');
    }

    /** The next value's member name. A JSON null given as that value drops the member, as Gson does. */
    public JsonStream name(String name) {
        if (pendingName != null) {
            throw new IllegalStateException("two names without a value: " + pendingName + ", " + name);
        }
        pendingName = name;
        return this;
    }

    public JsonStream value(String s) throws IOException {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        string(s);
        return this;
    }

    public JsonStream value(long n) throws IOException {
        beforeValue();
        ascii(Long.toString(n));
        return this;
    }

    public JsonStream value(boolean b) throws IOException {
        beforeValue();
        ascii(b ? "true" : "false");
        return this;
    }

    /** A JSON tree, written as Gson would write it. */
    public JsonStream value(JsonElement e) throws IOException {
        if (e == null || e.isJsonNull()) {
            return nullValue();
        }
        if (e instanceof JsonObject o) {
            beginObject();
            for (Map.Entry<String, JsonElement> m : o.entrySet()) {
                name(m.getKey()).value(m.getValue());
            }
            return endObject();
        }
        if (e instanceof JsonArray a) {
            beginArray();
            for (JsonElement item : a) {
                value(item);
            }
            return endArray();
        }
        JsonPrimitive p = (JsonPrimitive) e;
        beforeValue();
        if (p.isString()) {
            string(p.getAsString());
        } else {
            // numbers and booleans as their text, as Gson's JsonWriter does
            ascii(p.isBoolean() ? Boolean.toString(p.getAsBoolean()) : p.getAsNumber().toString());
        }
        return this;
    }

    /**
     * Continues a document whose top-level object was begun, and has members, in another stream: what this stream
     * writes next is the following member, after a comma. For writing the halves of a large document at once.
     */
    public JsonStream insideObjectWithMembers() {
        if (depth != 0 || pos != 0) {
            throw new IllegalStateException("only a new stream continues another's object");
        }
        nonEmpty[++depth] = true;
        return this;
    }

    /** A newline after the document, and everything written handed on. */
    public void finish() throws IOException {
        if (depth != 0 || pendingName != null) {
            throw new IllegalStateException("document not closed");
        }
        put('\n');
        flush();
    }

    public void flush() throws IOException {
        if (pos > 0) {
            target.writeUtf8(buf, 0, pos);
            pos = 0;
        }
    }

    private JsonStream nullValue() throws IOException {
        if (pendingName != null) {
            pendingName = null;
            return this;
        }
        beforeValue();
        ascii("null");
        return this;
    }

    private JsonStream open(char bracket) throws IOException {
        beforeValue();
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        nonEmpty[++depth] = false;
        put(bracket);
        return this;
    }

    private JsonStream close(char bracket) throws IOException {
        if (depth == 0 || pendingName != null) {
            throw new IllegalStateException("nothing open to close with " + bracket);
        }
        boolean any = nonEmpty[depth--];
        if (any) {
            newline();
        }
        put(bracket);
        return this;
    }

    private void beforeValue() throws IOException {
        if (depth == 0) {
            return;
        }
        if (nonEmpty[depth]) {
            put(',');
        }
        nonEmpty[depth] = true;
        newline();
        if (pendingName != null) {
            String n = pendingName;
            pendingName = null;
            string(n);
            put(':');
            put(' ');
        }
    }

    private void newline() throws IOException {
        put('\n');
        for (int i = 0; i < depth; i++) {
            put(' ');
            put(' ');
        }
    }

    private void put(char c) throws IOException {
        if (pos > SIZE - SLACK) {
            flush();
        }
        buf[pos++] = (byte) c;
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void string(String s) throws IOException {
        // the JDK encodes a string in bulk (an array copy for ASCII, lone surrogates as '?'); what is left is to find
        // the few bytes JSON escapes and copy the runs between them
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        put('"');
        int n = u.length;
        int run = 0;
        for (int i = 0; i < n; i++) {
            byte x = u[i];
            if (x >= 0) {
                if (ESCAPE[x] == 0) {
                    continue;
                }
                bytes(u, run, i - run);
                escape(ESCAPE[x], x);
                run = i + 1;
            } else if (x == (byte) 0xE2 && i + 2 < n && u[i + 1] == (byte) 0x80 && (u[i + 2] == (byte) 0xA8 || u[i + 2] == (byte) 0xA9)) {
                // U+2028 and U+2029, JavaScript line terminators: escaped by Gson so that the document is also a
                // valid script literal
                bytes(u, run, i - run);
                ascii(u[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029");
                i += 2;
                run = i + 1;
            }
        }
        bytes(u, run, n - run);
        put('"');
    }

    private void escape(byte letter, byte c) throws IOException {
        if (pos > SIZE - SLACK) {
            flush();
        }
        buf[pos++] = '\\';
        if (letter == 'u') {
            buf[pos++] = 'u';
            buf[pos++] = '0';
            buf[pos++] = '0';
            buf[pos++] = HEX[c >> 4];
            buf[pos++] = HEX[c & 0xF];
        } else {
            buf[pos++] = letter;
        }
    }

    /** Whole UTF-8 sequences only: the buffer is handed on between them, never inside one. */
    private void bytes(byte[] u, int off, int len) throws IOException {
        while (len > 0) {
            int take = Math.min(SIZE - pos, len);
            if (take < len) {
                // back off to the start of a sequence so that a target decoding text never sees half a character
                while (take > 0 && (u[off + take] & 0xC0) == 0x80) {
                    take--;
                }
            }
            if (take == 0) {
                flush();
                continue;
            }
            System.arraycopy(u, off, buf, pos, take);
            pos += take;
            off += take;
            len -= take;
        }
    }
}
