package io.byokwatch.access.synth;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Someone who calls Key Vault in the synthetic world: a disk encryption set, an application, automation, a person.
 * Each hour it emits hourly bins; {@link SyntheticAuditLogs} turns them into single events when files are wanted.
 */
abstract class Actor {
    final String vault;
    final String key;
    final Caller caller;

    Actor(String vault, String key, Caller caller) {
        this.vault = vault;
        this.key = key;
        this.caller = caller;
    }

    /** Emits this actor's activity for the hour {@code hour} (hours since the start of the world). */
    abstract void hour(int hour, Instant at, SplittableRandom rnd, Consumer<AccessRecord> out);

    static void emit(Consumer<AccessRecord> out, Instant hour, String vault, String key, String op, Caller caller,
                     String ip, int status, int count) {
        if (count > 0) {
            out.accept(new AccessRecord(hour, vault, key, op, caller, ip, status, count, hour, hour.plusSeconds(3599)));
        }
    }

    /** A working-day rhythm: peaks at {@code peakHour} UTC, {@code amplitude} 0..1, weekends scaled. */
    static double rhythm(int hourOfDay, boolean weekend, double peakHour, double amplitude, double weekendFactor) {
        double wave = 1 + amplitude * Math.cos(2 * Math.PI * (hourOfDay - peakHour) / 24.0);
        return wave * (weekend ? weekendFactor : 1.0);
    }

    static boolean weekend(Instant at) {
        long dayOfWeek = Math.floorMod(Math.floorDiv(at.getEpochSecond(), 86_400L) + 3, 7L); // 0 = Monday
        return dayOfWeek >= 5;
    }

    static int hourOfDay(Instant at) {
        return (int) Math.floorMod(at.getEpochSecond() / 3600, 24L);
    }
}
