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
        TokenBucket teams = new TokenBucket(4, clock, new FakeSleeper(clock));
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
        TokenBucket slack = new TokenBucket(1, clock, new FakeSleeper(clock));
        assertEquals(Duration.ZERO, slack.acquire());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Duration.ZERO, slack.acquire());
        assertEquals(Duration.ofSeconds(1).plus(TokenBucket.GUARD), slack.acquire(), "ten idle minutes do not buy a burst of 600");
    }

    @Test
    void aThreadThatWakesLate_pushesTheNextSendBack_ratherThanLettingItGoEarly() throws InterruptedException {
        int[] sleeps = {0};
        // the first wait ends 300 ms late, the next on time
        FakeSleeper oversleeping = new FakeSleeper(clock).onEachSleep(() -> {
            if (sleeps[0]++ == 0) {
                clock.advance(Duration.ofMillis(300));
            }
        });
        TokenBucket slack = new TokenBucket(1, clock, oversleeping);
        slack.acquire();
        Instant first = clock.instant();
        slack.acquire();
        Instant second = clock.instant();
        slack.acquire();
        assertEquals(Duration.ofMillis(1002), Duration.between(second, clock.instant()),
                "spaced from the late start of the second send, not from when it was due");
        assertEquals(Duration.ofMillis(1302), Duration.between(first, second));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, clock, d -> { }));
    }
}
