package io.byokwatch.adapter.webhook;

import io.byokwatch.testsupport.FakeSleeper;
import io.byokwatch.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TokenBucketTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:30:00Z"));

    @Test
    void fourPerSecond_spacesSendsAQuarterSecondApart() throws InterruptedException {
        TokenBucket teams = new TokenBucket(4, 1, clock, new FakeSleeper(clock));
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            teams.acquire();
            at.add(clock.instant());
        }
        for (int i = 1; i < at.size(); i++) {
            assertEquals(Duration.ofMillis(250).plus(TokenBucket.GUARD), Duration.between(at.get(i - 1), at.get(i)),
                    "a quarter second, and the guard against late wake-ups");
        }
    }

    @Test
    void anIdleChannel_sendsAtOnce_andIdleTimeIsNotSavedUpBeyondTheBurst() throws InterruptedException {
        TokenBucket slack = new TokenBucket(1, 1, clock, new FakeSleeper(clock));
        assertEquals(Duration.ZERO, slack.acquire());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Duration.ZERO, slack.acquire());
        assertEquals(Duration.ofSeconds(1).plus(TokenBucket.GUARD), slack.acquire(), "ten idle minutes do not buy a burst of 600");
    }

    @Test
    void aBurst_letsThatManyGoAtOnce() throws InterruptedException {
        TokenBucket b = new TokenBucket(2, 3, clock, new FakeSleeper(clock));
        assertEquals(Duration.ZERO, b.acquire());
        assertEquals(Duration.ZERO, b.acquire());
        assertEquals(Duration.ZERO, b.acquire());
        assertEquals(Duration.ofMillis(500).plus(TokenBucket.GUARD), b.acquire());
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, clock, d -> { }));
    }
}
