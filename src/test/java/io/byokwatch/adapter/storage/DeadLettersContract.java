package io.byokwatch.adapter.storage;

import io.byokwatch.port.DeadLetters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What every {@link DeadLetters} must do. */
abstract class DeadLettersContract {
    DeadLetters letters;

    abstract DeadLetters newLetters();

    @BeforeEach
    void fresh() {
        letters = newLetters();
    }

    @Test
    void aLetter_keepsTheReasonTheChannelAndTheWholeAlert_newestFirst() {
        DeadLetters.DeadLetter older = new DeadLetters.DeadLetter("alert-1", "team-slack",
                "slack channel team-slack answered HTTP 410: channel_is_archived", 1, Instant.parse("2026-12-01T09:00:00Z"),
                "{\"schemaVersion\":1,\"alertId\":\"alert-1\"}");
        DeadLetters.DeadLetter newer = new DeadLetters.DeadLetter("alert-2", "siem", "still failing after 8 attempts", 8,
                Instant.parse("2026-12-01T09:05:00Z"), "{\"schemaVersion\":1,\"alertId\":\"alert-2\"}");
        letters.add(older);
        letters.add(newer);
        assertEquals(List.of(newer, older), letters.recent(10));
        assertEquals(List.of(newer), letters.recent(1));
    }

    @Test
    void aHugeBody_stillGetsItsLetter() {
        String body = "{\"schemaVersion\":1,\"alertId\":\"alert-3\",\"pad\":\"" + "x".repeat(60_000) + "\"}";
        letters.add(new DeadLetters.DeadLetter("alert-3", "siem", "refused", 1, Instant.parse("2026-12-01T09:00:00Z"), body));
        DeadLetters.DeadLetter back = letters.recent(1).get(0);
        assertEquals("alert-3", back.alertId());
        assertTrue(back.reason().startsWith("refused"));
    }
}
