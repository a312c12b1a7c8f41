package io.byokwatch.access.synth;

import io.byokwatch.domain.AccessRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Runs actors hour by hour; the same seed gives the same sequence. */
final class Timeline {
    private Timeline() {
    }

    static void bins(List<Actor> actors, Instant start, int hours, long seed, Consumer<AccessRecord> sink) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        for (int h = 0; h < hours; h++) {
            Instant at = start.plusSeconds(3600L * h);
            for (Actor a : actors) {
                a.hour(h, at, rnd, sink);
            }
        }
    }

    /** The bins as single events at random moments inside their hour, in time order. */
    static void events(List<Actor> actors, Instant start, int hours, long seed, Consumer<AccessRecord> sink) {
        SplittableRandom spread = new SplittableRandom(seed * 17 + 3);
        List<AccessRecord> hour = new ArrayList<>();
        Instant[] current = {null};
        bins(actors, start, hours, seed, r -> {
            if (current[0] != null && !current[0].equals(r.hour())) {
                drain(hour, sink);
            }
            current[0] = r.hour();
            for (long i = 0; i < r.count(); i++) {
                Instant t = r.hour().plusMillis(spread.nextLong(3_600_000L));
                hour.add(AccessRecord.event(t, r.vault(), r.key(), r.operation(), r.caller(), r.sourceIp(), r.status()));
            }
        });
        drain(hour, sink);
    }

    private static void drain(List<AccessRecord> hour, Consumer<AccessRecord> sink) {
        hour.sort(Comparator.comparing(AccessRecord::firstSeen));
        hour.forEach(sink);
        hour.clear();
    }
}
