package io.byokwatch.bench;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.ArmCloud;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.adapter.arm.ReadStats;
import io.byokwatch.adapter.arm.Sleeper;
import io.byokwatch.adapter.arm.TestTls;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.e2e.Events;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * One byokwatch process as production wires it (Runtime: parser, scope, router, evaluator, file store and outbox)
 * on the real clock, reading the fake ARM through the real SDK pipeline; a new instance over the same folder is a
 * restarted process with a cold cache.
 */
final class BenchPath {
    /** High enough never to refuse: the benchmark counts requests, it does not want them answered "unknown". */
    private static final int UNLIMITED_READS = 10_000_000;

    final LiveInventory inventory;
    final TimedHttpClient http;
    final TimedState state;
    final Runtime runtime;
    final Events events = new Events(Clock.systemUTC());

    /** With the file store's default width, as a user's {@code serve} would run. */
    BenchPath(FakeArm arm, Path dir) {
        this(arm, dir, 0);
    }

    /** @param width clusters of one event evaluated at once ({@link Settings#EVALUATION_WIDTH}); 0 for the default */
    BenchPath(FakeArm arm, Path dir, int width) {
        this(arm, dir, new TimedState(new FileVerdictStore(dir.resolve("verdicts")),
                new FileOutbox(dir.resolve("outbox"), Clock.systemUTC())), width);
    }

    /** Over the given verdict store and outbox (Azure Table and Queue storage, say); {@code dir} holds the rest. */
    BenchPath(FakeArm arm, Path dir, TimedState state, int width) {
        TokenCredential fixedToken = request -> Mono.just(new AccessToken(FakeArm.TOKEN,
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        ArmSettings arms = ArmSettings.of(ArmCloud.AZURE_CLOUD, List.of(Harness.SUB_A, Harness.SUB_B), fixedToken)
                .withArmEndpoint(arm.endpoint()).withReadsPerMinute(UNLIMITED_READS);
        this.http = new TimedHttpClient(TestTls.get().trustingClient);
        this.inventory = new LiveInventory(arms, http, Clock.systemUTC(), Sleeper.SYSTEM);
        this.state = state;
        Map<String, String> env = new java.util.HashMap<>(Map.of(Settings.SUBSCRIPTIONS, Harness.SUB_A + "," + Harness.SUB_B,
                Settings.ARM_ENDPOINT, arm.endpoint().toString(), Settings.STATE, "files", Settings.STATE_DIR, dir.toString()));
        if (width > 0) {
            env.put(Settings.EVALUATION_WIDTH, Integer.toString(width));
        }
        Settings settings = Settings.from(env);
        this.runtime = new Runtime(settings, inventory, state.store, state.outbox, Clock.systemUTC());
    }

    EventIntake.Result deliver(JsonObject... events) {
        EventIntake.Result r = runtime.intake().accept(Events.delivery(events), "application/json");
        if (r.failed()) {
            throw new IllegalStateException("delivery failed: " + r.failures());
        }
        return r;
    }

    int alerts(EventIntake.Result r) {
        return r.outcomes().stream().mapToInt(o -> o.alerts().size()).sum();
    }

    /** Every cluster's first verdict, as the scheduled sweep would record it before events arrive. */
    void baseline() {
        runtime.detector().reconcile("byokwatch.Reconcile");
    }

    ReadStats stats() {
        return inventory.stats();
    }
}
