package io.byokwatch.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.render.alert.AlertJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The production wiring of the event path ({@link Runtime}: parser, scope filter, router, evaluator, verdict
 * compare-and-set, outbox) over the real {@link LiveInventory} talking HTTPS to the fake ARM, with the file verdict
 * store and outbox in a temporary folder. Time is the harness's clock, which moves only when told (and when a retry
 * "sleeps").
 */
final class EventPath {
    /** How long Event Grid takes to hand a published event to the webhook; the clock moves this much per delivery. */
    static final Duration DELIVERY = Duration.ofMillis(500);

    final Harness harness;
    final FakeArm arm;
    final LiveInventory inventory;
    final Runtime runtime;
    final Events events;
    private final Outbox reader;

    EventPath(FakeArm arm, Path state) {
        this(arm, state, UnaryOperator.identity());
    }

    EventPath(FakeArm arm, Path state, UnaryOperator<ArmSettings> tweak) {
        this.harness = new Harness(arm);
        this.arm = arm;
        this.inventory = harness.inventory(tweak);
        Settings settings = Settings.from(Map.of(
                Settings.SUBSCRIPTIONS, Harness.SUB_A + "," + Harness.SUB_B,
                Settings.ARM_ENDPOINT, arm.endpoint().toString(),
                Settings.STATE, "files",
                Settings.STATE_DIR, state.toString()));
        this.runtime = new Runtime(settings, inventory, new FileVerdictStore(state.resolve("verdicts")),
                new FileOutbox(state.resolve("outbox"), harness.clock), harness.clock);
        this.reader = new FileOutbox(state.resolve("outbox"), harness.clock);
        this.events = new Events(harness.clock);
    }

    /** One webhook delivery, after Event Grid's delivery delay. */
    EventIntake.Result deliver(JsonObject... events) {
        harness.clock.advance(DELIVERY);
        EventIntake.Result result = runtime.intake().accept(Events.delivery(events), "application/json");
        if (result.failed()) {
            throw new AssertionError("delivery failed: " + result.failures());
        }
        return result;
    }

    /** Every cluster's first verdict, as the scheduled sweep records it; the estate must raise nothing. */
    void baseline() {
        runtime.detector().reconcile("byokwatch.Reconcile");
        List<JsonObject> raised = alerts();
        if (!raised.isEmpty()) {
            throw new AssertionError("the baseline estate should be compliant, but raised " + raised);
        }
    }

    /** The alerts handed to the outbox since the last call, oldest first, as receivers will read them. */
    List<JsonObject> alerts() {
        List<JsonObject> bodies = new ArrayList<>();
        for (Outbox.Lease lease : reader.lease(10_000, Duration.ofMinutes(5))) {
            bodies.add(JsonParser.parseString(lease.message().body()).getAsJsonObject());
            reader.ack(lease);
        }
        return bodies;
    }

    StoredVerdict verdict(ResourceId cluster) {
        return runtime.store().get(cluster).orElseThrow(() -> new AssertionError("no verdict stored for " + cluster));
    }

    /** The stored verdict as the compliance API shows it: status, findings, notEvaluated. */
    JsonObject verdictJson(ResourceId cluster) {
        JsonElement v = AlertJson.storedVerdict(verdict(cluster).detailJson());
        return v == null ? null : v.getAsJsonObject();
    }

    long armGets() {
        return inventory.stats().armRequests();
    }

    long graphQueries() {
        return inventory.stats().graphRequests();
    }
}
