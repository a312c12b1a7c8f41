package io.byokwatch.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.standard(8, new SplittableRandom(42));

    @Test
    void backoff_doublesFromFiveSeconds_withHalfOfItRandom_cappedAtTenMinutes() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long full = Math.min(600_000, 5_000L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                long d = policy.delay(attempt, null).toMillis();
                assertTrue(d >= full / 2 && d <= full, "attempt " + attempt + ": " + d + " not in [" + full / 2 + ", " + full + "]");
            }
        }
    }

    @Test
    void jitter_spreadsRetries() {
        long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> policy.delay(3, null).toMillis()).distinct().count();
        assertTrue(distinct > 50, "100 alerts failing together come back spread out, not together: " + distinct);
    }

    @Test
    void retryAfter_isHonoured_withAtMostASecondOfSpread_andCappedAtAnHour() {
        for (int i = 0; i < 50; i++) {
            Duration d = policy.delay(1, Duration.ofSeconds(30));
            assertTrue(d.compareTo(Duration.ofSeconds(30)) >= 0 && d.compareTo(Duration.ofSeconds(31)) <= 0, d.toString());
        }
        assertEquals(Duration.ZERO, policy.delay(5, Duration.ZERO), "retry now, as asked");
        assertTrue(policy.delay(1, Duration.ofDays(2)).compareTo(Duration.ofMinutes(61)) <= 0);
    }

    @Test
    void attempts_runOutAtTheLimit() {
        assertFalse(policy.exhausted(7));
        assertTrue(policy.exhausted(8));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.standard(0, new SplittableRandom()));
    }
}
