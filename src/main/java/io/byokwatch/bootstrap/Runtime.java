package io.byokwatch.bootstrap;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.adapter.storage.QueueOutbox;
import io.byokwatch.adapter.storage.TableVerdictStore;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.render.AlertJson;
import io.byokwatch.rules.RuleCatalog;

import java.time.Clock;
import java.util.Map;

/**
 * The one place that turns settings into wired services. Built once per process (Functions instances keep it across
 * invocations), so settings are read and validated once and clients are reused.
 */
public final class Runtime {
    private static Runtime shared;

    private final Settings settings;
    private final Inventory inventory;
    private final VerdictStore store;
    private final Outbox outbox;
    private final Policy policy;
    private final DriftDetector detector;
    private final EventIntake intake;
    private final AlertJson codec = new AlertJson();
    private final Clock clock;

    public Runtime(Settings settings, Inventory inventory, VerdictStore store, Outbox outbox, Clock clock) {
        this.settings = settings;
        this.inventory = inventory;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        RuleCatalog catalog = RuleCatalog.standard();
        this.policy = settings.policyFile() == null ? Policy.DEFAULT : new PolicyLoader(catalog.ids()).load(settings.policyFile());
        this.detector = new DriftDetector(inventory, new ImpactRouter(), new ClusterEvaluator(catalog), () -> policy,
                store, outbox, codec, clock);
        this.intake = new EventIntake(detector, id -> settings.inScope(id) && inventory.inScope(id));
    }

    /** The process-wide runtime from environment variables; settings problems surface here, once, with every reason. */
    public static synchronized Runtime fromEnvironment() {
        if (shared == null) {
            shared = build(Settings.from(System.getenv()), Clock.systemUTC());
        }
        return shared;
    }

    public static Runtime build(Settings settings, Clock clock) {
        return new Runtime(settings, inventory(settings), store(settings), outbox(settings, clock), clock);
    }

    /** Settings from a map (tests, the CLI), validated the same way. */
    public static Runtime build(Map<String, String> env, Clock clock) {
        return build(Settings.from(env), clock);
    }

    private static Inventory inventory(Settings s) {
        if (s.inventoryMode().equals("files")) {
            return SnapshotInventory.load(s.inventoryPath());
        }
        return LiveInventoryFactory.create(s);
    }

    private static VerdictStore store(Settings s) {
        if (s.stateMode().equals("files")) {
            return new FileVerdictStore(s.stateDir().resolve("verdicts"));
        }
        return s.storageConnection() != null
                ? TableVerdictStore.connect(s.storageConnection(), s.verdictTable())
                : TableVerdictStore.connect(s.tableServiceUri(), Credentials.managed(s), s.verdictTable());
    }

    private static Outbox outbox(Settings s, Clock clock) {
        if (s.stateMode().equals("files")) {
            return new FileOutbox(s.stateDir().resolve("outbox"), clock);
        }
        return s.storageConnection() != null
                ? QueueOutbox.connect(s.storageConnection(), s.outboxQueue())
                : QueueOutbox.connect(s.queueServiceUri(), Credentials.managed(s), s.outboxQueue());
    }

    public Settings settings() {
        return settings;
    }

    public Inventory inventory() {
        return inventory;
    }

    public VerdictStore store() {
        return store;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Policy policy() {
        return policy;
    }

    public DriftDetector detector() {
        return detector;
    }

    public EventIntake intake() {
        return intake;
    }

    public AlertJson codec() {
        return codec;
    }

    public Clock clock() {
        return clock;
    }
}
