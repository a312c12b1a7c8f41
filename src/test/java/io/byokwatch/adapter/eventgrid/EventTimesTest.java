package io.byokwatch.adapter.eventgrid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2018-07-19T18:38:04Z,                  2018-07-19T18:38:04Z",
            "2018-07-19T18:38:04.6Z,                2018-07-19T18:38:04.600Z",
            "2018-07-19T18:38:04.763881Z,           2018-07-19T18:38:04.763881Z",
            "2018-07-19T18:38:04.6117357Z,          2018-07-19T18:38:04.6117357Z",
            "2018-07-19T20:38:04.6117357+02:00,     2018-07-19T18:38:04.6117357Z",
            "2018-07-19T13:08:04.6117357-05:30,     2018-07-19T18:38:04.6117357Z",
            "2021-04-01T04:41:35.079872+00:00,      2021-04-01T04:41:35.079872Z",
    })
    void acceptsIso8601WithZOrOffsetAndOneToSevenFractionDigits(String text, String expected) {
        assertEquals(Instant.parse(expected), EventTimes.parse(text, "eventTime"));
    }

    @Test
    void timeWithoutOffsetIsRejectedAskingForOne() {
        BadEvent e = assertThrows(BadEvent.class, () -> EventTimes.parse("2018-07-19T18:38:04.6117357", "time"));
        assertTrue(e.reason().startsWith("field 'time' is '2018-07-19T18:38:04.6117357', which has no UTC offset"),
                e.reason());
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "2018-13-19T18:38:04Z", "2018-07-19 18:38:04Z", "1563520684", "2018-07-19T25:00:00Z"})
    void garbageIsRejectedQuotingItAndShowingAnExample(String text) {
        BadEvent e = assertThrows(BadEvent.class, () -> EventTimes.parse(text, "eventTime"));
        assertTrue(e.reason().contains("'" + text + "'") && e.reason().contains("2018-07-19T18:38:04.6117357Z"),
                e.reason());
    }

    @Test
    void nonStringTimeIsRejectedThroughTheParser() {
        ParsedBatch batch = new EventEnvelopeParser().parse("[{\"id\":\"a\",\"eventType\":\"t\",\"eventTime\":1563520684}]");
        assertEquals("field 'eventTime' must be a string, but is a number (1563520684)",
                batch.rejected().get(0).reason());
    }

    @Test
    void hugeGarbageIsQuotedShort() {
        String junk = "x".repeat(10_000);
        BadEvent e = assertThrows(BadEvent.class, () -> EventTimes.parse(junk, "eventTime"));
        assertTrue(e.reason().length() < 400, "reason length " + e.reason().length());
    }
}
