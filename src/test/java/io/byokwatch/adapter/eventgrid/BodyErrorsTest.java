package io.byokwatch.adapter.eventgrid;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body that is not JSON, or JSON of the wrong shape, fails as a whole with a message a sender can act on. */
class BodyErrorsTest {
    private final EventEnvelopeParser parser = new EventEnvelopeParser();

    private String failure(String body) {
        String message = assertThrows(EventFormatException.class, () -> parser.parse(body)).getMessage();
        assertFalse(message.contains("Exception") || message.contains("\tat ") || message.contains("com.google")
                || message.contains("setStrictness"), "message leaks internals: " + message);
        return message;
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
    }

    @Test
    void missingCommaBetweenMembersPointsAtLineAndColumnAndQuotesTheText() {
        String m = failure("[\n  {\"id\": \"x\"\n   \"eventType\": \"t\"}\n]");
        assertContains(m, "not valid JSON");
        assertContains(m, "near line 3, column 5");
        assertContains(m, "JSON path $[0].id");
        assertContains(m, "\"eventType\": \"t\"}");
        assertContains(m, "missing comma");
    }

    @Test
    void truncatedBodySaysItEndsEarly() {
        String m = failure("[{\"id\":\"1\"}");
        assertContains(m, "ends before the JSON is complete");
        assertContains(m, "line 1");
    }

    @Test
    void trailingCommaIsLocated() {
        String m = failure("[{\"id\":\"1\"},\n]");
        assertContains(m, "near line 2, column");
        assertContains(m, "no trailing commas");
    }

    @Test
    void textAfterTheJsonValueIsReported() {
        assertContains(failure("[] []"), "line 1, column");
    }

    @Test
    void xmlBodyIsNotJsonAtLineOneColumnOne() {
        String m = failure("<event/>");
        assertContains(m, "near line 1, column 1");
    }

    @Test
    void absurdNestingIsRefusedAsAFormatErrorNotAStackOverflow() {
        assertContains(failure("[".repeat(100_000)), "nests deeper than any event does");
    }

    @Test
    void emptyOrBlankBodySaysSo() {
        assertContains(failure(""), "The request body is empty");
        assertContains(failure("  \n "), "The request body is empty");
        assertContains(assertThrows(EventFormatException.class, () -> parser.parse((byte[]) null, null))
                .getMessage(), "empty");
    }

    @Test
    void numberBodyIsTheWrongShape() {
        String m = failure("42");
        assertContains(m, "is a number (42), not an event");
        assertContains(m, "JSON array of Event Grid events");
    }

    @Test
    void stringBodyIsTheWrongShapeAndHintsAtDoubleEncoding() {
        String m = failure("\"[{\\\"id\\\":\\\"1\\\"}]\"");
        assertContains(m, "is a string, not an event");
        assertContains(m, "not a value or an encoded string");
    }

    @Test
    void nullAndBooleanBodiesAreTheWrongShape() {
        assertContains(failure("null"), "is null, not an event");
        assertContains(failure("true"), "is a boolean (true), not an event");
    }

    @Test
    void emptyObjectIsNotAnEvent() {
        String m = failure("{}");
        assertContains(m, "JSON object but not an event (it is empty)");
        assertContains(m, "specversion, id, source, type");
    }

    @Test
    void wrapperObjectNamesItsKeysAndSuggestsPostingTheInnerArray() {
        String m = failure("{\"value\":[{\"id\":\"1\"}],\"count\":1}");
        assertContains(m, "keys found: 'value', 'count'");
        assertContains(m, "post the inner array");
    }

    @Test
    void invalidUtf8NamesTheByteOffset() {
        byte[] body = "[{\"id\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
        body[8] = (byte) 0xC3; // starts a two-byte sequence the next byte does not continue
        String m = assertThrows(EventFormatException.class, () -> parser.parse(body, "application/json"))
                .getMessage();
        assertContains(m, "not valid UTF-8");
        assertContains(m, "byte 8");
    }

    @Test
    void unknownCharsetInContentTypeIsNamed() {
        String m = assertThrows(EventFormatException.class,
                () -> parser.parse("[]".getBytes(StandardCharsets.UTF_8), "application/json; charset=klingon"))
                .getMessage();
        assertContains(m, "charset 'klingon'");
    }
}
