package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request body into a JSON tree, or into an {@link EventFormatException} that points at the line and column.
 * Parsing is strict (RFC 8259): gson's lenient default would accept comments, single quotes and bare words that no
 * Event Grid delivery contains, and hide the real mistake in a hand-made test request.
 */
final class JsonBody {
    private static final Pattern LOCATION = Pattern.compile("(.*?)\\s*at line (\\d+) column (\\d+) path (\\S+)");
    private static final int SNIPPET_RADIUS = 24;

    private JsonBody() {
    }

    static JsonElement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new EventFormatException("The request body is empty; expected a JSON array of Event Grid events or"
                    + " a CloudEvents 1.0 event or batch. Check that the sender posts the event body.");
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        JsonReader reader = new JsonReader(new StringReader(body));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw notJson(body, "there is more text after the end of the JSON value", reader.toString());
            }
            return root;
        } catch (JsonParseException | IOException e) {
            String gson = innermostMessage(e);
            Matcher m = LOCATION.matcher(gson);
            throw notJson(body, explain(m.find() ? m.group(1).trim() : gson), gson);
        }
    }

    /** Decodes bytes in the charset the content type names (UTF-8 when none), reporting the first bad byte. */
    static String decode(byte[] body, Charset charset) {
        if (body == null) {
            return null;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new EventFormatException("The request body is not valid " + charset.name() + " text: byte "
                    + in.position() + " (0-based) starts an invalid sequence. Event Grid sends UTF-8; if the body was"
                    + " produced by hand, save it as UTF-8 or fix the charset in the Content-Type header.");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static String innermostMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    /**
     * Builds the message from {@code what} and the "line L column C path P" in {@code location} (a gson message or
     * the reader's description). gson's column is just after the character it stopped on, hence "near".
     */
    private static EventFormatException notJson(String body, String what, String location) {
        Matcher m = LOCATION.matcher(location);
        if (!m.find()) {
            return new EventFormatException("The request body is not valid JSON: " + what + ". Send a JSON array of"
                    + " Event Grid events, or a CloudEvents 1.0 event or batch.");
        }
        int line = Integer.parseInt(m.group(2));
        int column = Integer.parseInt(m.group(3));
        String path = m.group(4);
        return new EventFormatException("The request body is not valid JSON: " + what + ", near line " + line
                + ", column " + column + " (JSON path " + path + "), at " + snippet(body, line, column)
                + ". Fix the JSON there; a missing comma, quote or bracket is the usual cause.");
    }

    private static String explain(String gson) {
        if (gson.startsWith("Use JsonReader.setStrictness")) {
            return "unexpected character (JSON has only double-quoted strings, no comments, no trailing commas,"
                    + " no NaN and one top-level value)";
        }
        if (gson.startsWith("End of input")) {
            return "the body ends before the JSON is complete (an unclosed array, object or string)";
        }
        if (gson.startsWith("Unterminated object")) {
            return "an object is not closed, or two of its members have no comma between them";
        }
        if (gson.startsWith("Unterminated array")) {
            return "an array is not closed, or two of its elements have no comma between them";
        }
        if (gson.startsWith("Unterminated string")) {
            return "a string is not closed";
        }
        if (gson.startsWith("Expected name")) {
            return "expected a double-quoted member name";
        }
        if (gson.startsWith("Nesting limit")) {
            return "the JSON nests deeper than any event does";
        }
        return gson.isEmpty() ? "syntax error" : Character.toLowerCase(gson.charAt(0)) + gson.substring(1);
    }

    /** The text around the position on its line, quoted, so the reader sees the mistake without opening the body. */
    private static String snippet(String body, int line, int column) {
        String[] lines = body.split("\r\n|\r|\n", -1);
        if (line < 1 || line > lines.length) {
            return "(end of body)";
        }
        String l = lines[line - 1];
        int at = Math.max(0, Math.min(l.length(), column - 1));
        int from = Math.max(0, at - SNIPPET_RADIUS);
        int to = Math.min(l.length(), at + SNIPPET_RADIUS);
        String cut = l.substring(from, to).replaceAll("\\p{Cntrl}", "?");
        return "'" + (from > 0 ? "…" : "") + cut + (to < l.length() ? "…" : "") + "'";
    }
}
