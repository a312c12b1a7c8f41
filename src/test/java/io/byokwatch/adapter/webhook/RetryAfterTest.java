package io.byokwatch.adapter.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");

    @Test
    void seconds_orAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", NOW));
        assertEquals(Duration.ofSeconds(45), RetryAfter.parse("Tue, 01 Dec 2026 09:30:45 GMT", NOW));
    }

    @Test
    void aDateInThePast_meansNow_andNonsenseMeansNotSaid() {
        assertEquals(Duration.ZERO, RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", NOW));
        assertNull(RetryAfter.parse("soon", NOW));
        assertNull(RetryAfter.parse("-5", NOW));
        assertNull(RetryAfter.parse("99999999999999999999999", NOW));
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse(" ", NOW));
    }
}
