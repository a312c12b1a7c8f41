package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one JSON document (a plan, a template, a parameters file) or fails with the file, line and column. */
final class JsonFiles {
    private static final Pattern POSITION = Pattern.compile("(?s)(.*?)\\s*at line (\\d+) column (\\d+).*");

    private JsonFiles() {
    }

    static JsonElement read(Path file, String what) {
        return read(file, what, Set.of());
    }

    /**
     * Reads the document, leaving out the named members of the top-level object unread into memory (still checked as
     * JSON): a plan's {@code planned_values} repeats its changes and is a third of a large plan.
     */
    static JsonElement read(Path file, String what, Set<String> skipped) {
        if (Files.isDirectory(file)) {
            throw new PlanFormatException(what + " " + file + " is a folder; give the JSON file");
        }
        try (InputStream raw = Files.newInputStream(file);
             Reader in = new BufferedReader(new InputStreamReader(skipBom(raw), StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                     1 << 16)) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = skipped.isEmpty() || reader.peek() != JsonToken.BEGIN_OBJECT
                    ? JsonParser.parseReader(reader) : objectWithout(reader, skipped);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new PlanFormatException(file + ": unexpected text after the JSON value of the " + what);
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new PlanFormatException(what + " " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new PlanFormatException(file + ": not UTF-8 text; write the " + what + " with a UTF-8 encoding");
        } catch (IOException e) {
            throw new PlanFormatException("cannot read " + what + " " + file + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new PlanFormatException(file + ": not UTF-8 text; write the " + what + " with a UTF-8 encoding");
            }
            String detail = String.valueOf(cause.getMessage());
            Matcher m = POSITION.matcher(detail);
            String where = m.matches() ? ":" + m.group(2) + ":" + m.group(3) : "";
            String reason = m.matches() ? m.group(1) : detail.lines().findFirst().orElse(detail);
            throw new PlanFormatException(file + where + ": invalid JSON in the " + what + " (" + reason + ")");
        }
    }

    private static JsonObject objectWithout(JsonReader reader, Set<String> skipped) throws IOException {
        JsonObject root = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (skipped.contains(name)) {
                reader.skipValue();
            } else {
                root.add(name, JsonParser.parseReader(reader));
            }
        }
        reader.endObject();
        return root;
    }

    /** A UTF-8 byte order mark, as Windows editors write, is not part of the document. */
    private static InputStream skipBom(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
        byte[] head = p.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom && head.length > 0) {
            p.unread(head);
        }
        return p;
    }
}
