package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static Duration of(String name, String value) {
        return RetryAfter.from(new HttpHeaders().set(name, value), NOW);
    }

    @Test
    void millisecondHeaders_winOverRetryAfter() {
        HttpHeaders headers = new HttpHeaders().set("Retry-After", "9").set("x-ms-retry-after-ms", "1500");

        assertEquals(Duration.ofMillis(1500), RetryAfter.from(headers, NOW));
        assertEquals(Duration.ofMillis(250), of("retry-after-ms", "250"));
    }

    @Test
    void retryAfter_isSecondsOrAnHttpDate_neverNegative() {
        assertEquals(Duration.ofSeconds(2), of("Retry-After", "2"));
        assertEquals(Duration.ofSeconds(30), of("Retry-After", "Sun, 01 Mar 2026 10:00:30 GMT"));
        assertEquals(Duration.ZERO, of("Retry-After", "Sun, 01 Mar 2026 09:59:00 GMT"));
    }

    @Test
    void resourceGraphQuotaReset_isReadWhenNothingElseSaysHowLong() {
        assertEquals(Duration.ofSeconds(4), of("x-ms-user-quota-resets-after", "00:00:04"));
    }

    @Test
    void unreadableOrMissingValues_leaveTheWaitToTheBackoff() {
        assertNull(of("Retry-After", "soon"));
        assertNull(RetryAfter.from(new HttpHeaders(), NOW));
    }
}
