package io.byokwatch.bootstrap;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.adapter.storage.FileDeliveryLog;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileTransitionHistory;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.adapter.storage.QueueDeadLetters;
import io.byokwatch.adapter.storage.QueueOutbox;
import io.byokwatch.adapter.storage.TableDeliveryLog;
import io.byokwatch.adapter.storage.TableTransitionHistory;
import io.byokwatch.adapter.storage.TableVerdictStore;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.DeliveryLog;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.Sleeper;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

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
    private final TransitionHistory history;
    private final Policy policy;
    private final DriftDetector detector;
    private final EventIntake intake;
    private final AlertJson codec = new AlertJson();
    private final Clock clock;
    private final Map<String, String> env;
    private Notifications notifications;

    public Runtime(Settings settings, Inventory inventory, VerdictStore store, Outbox outbox, Clock clock) {
        this(settings, inventory, store, outbox, clock, System.getenv());
    }

    /** @param env where notify config settings (channel URLs, signing secrets) are looked up by name */
    public Runtime(Settings settings, Inventory inventory, VerdictStore store, Outbox outbox, Clock clock,
                   Map<String, String> env) {
        this(settings, inventory, store, outbox, TransitionHistory.NONE, clock, env);
    }

    /** @param history where every transition is kept for the KPIs */
    public Runtime(Settings settings, Inventory inventory, VerdictStore store, Outbox outbox, TransitionHistory history,
                   Clock clock, Map<String, String> env) {
        this.history = history;
        this.env = Map.copyOf(env);
        this.settings = settings;
        this.inventory = inventory;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        RuleCatalog catalog = RuleCatalog.standard();
        this.policy = settings.policyFile() == null ? Policy.DEFAULT : new PolicyLoader(PlanRules.withCatalog(catalog)).judgedBy(catalog.ids())
                .load(settings.policyFile());
        this.detector = new DriftDetector(inventory, new ImpactRouter(), new ClusterEvaluator(catalog), () -> policy,
                store, outbox, codec, clock, settings.evaluationWidth(), history);
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
        return build(settings, System.getenv(), clock);
    }

    private static Runtime build(Settings settings, Map<String, String> env, Clock clock) {
        return new Runtime(settings, inventory(settings), store(settings), outbox(settings, clock),
                history(settings, KpiSettings.from(env)), clock, env);
    }

    /** Settings from a map (tests, the CLI), validated the same way; notify settings are looked up in it too. */
    public static Runtime build(Map<String, String> env, Clock clock) {
        return build(Settings.from(env), env, clock);
    }

    /**
     * Delivery as the Functions run it, from {@code BYOKWATCH_NOTIFY_CONFIG}: resolutions may be held back for the flap
     * window, since the host keeps running; waits are real.
     *
     * @throws SettingsException when no notify config is set
     * @throws io.byokwatch.notify.NotifyConfigException when it cannot be used, with every problem
     */
    public synchronized Notifications notifications() {
        if (notifications == null) {
            String source = settings.notifyConfig();
            if (source == null) {
                throw new SettingsException(java.util.List.of(Settings.NOTIFY_CONFIG + " is not set; alerts wait in the"
                        + " outbox until it names a notify config file (or holds its JSON), e.g. /home/site/wwwroot/notify.json"));
            }
            NotifyConfigLoader loader = new NotifyConfigLoader(env);
            NotifyConfigLoader.Loaded loaded = source.startsWith("{")
                    ? loader.parse(source, "setting " + Settings.NOTIFY_CONFIG, Path.of("").toAbsolutePath())
                    : loader.load(Path.of(source));
            notifications = notifications(new Notifications.Parts(loaded.config(), loaded.endpoints(), loaded.secrets(),
                    System.out, true, clock, Sleeper.REAL, RandomGenerator.getDefault()));
        }
        return notifications;
    }

    /** Delivery wired from explicit parts: the CLI's choice of channels and holding. */
    public Notifications notifications(Notifications.Parts parts) {
        return new Notifications(parts, settings.cloud(), outbox, store, deliveryLog(settings), deadLetters(settings), codec);
    }

    private static DeliveryLog deliveryLog(Settings s) {
        if (s.stateMode().equals("files")) {
            return new FileDeliveryLog(s.stateDir().resolve("delivery"));
        }
        return s.storageConnection() != null
                ? TableDeliveryLog.connect(s.storageConnection(), s.deliveryTable())
                : TableDeliveryLog.connect(s.tableServiceUri(), Credentials.managed(s), s.deliveryTable());
    }

    private static DeadLetters deadLetters(Settings s) {
        if (s.stateMode().equals("files")) {
            return new FileDeadLetters(s.stateDir().resolve("deadletter"));
        }
        return s.storageConnection() != null
                ? QueueDeadLetters.connect(s.storageConnection(), s.deadLetterQueue())
                : QueueDeadLetters.connect(s.queueServiceUri(), Credentials.managed(s), s.deadLetterQueue());
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

    private static TransitionHistory history(Settings s, KpiSettings k) {
        if (s.stateMode().equals("files")) {
            return new FileTransitionHistory(s.stateDir().resolve("history"), k.retention());
        }
        return s.storageConnection() != null
                ? TableTransitionHistory.connect(s.storageConnection(), k.historyTable())
                : TableTransitionHistory.connect(s.tableServiceUri(), Credentials.managed(s), k.historyTable());
    }

    private static Outbox outbox(Settings s, Clock clock) {
        if (s.stateMode().equals("files")) {
            // leases and retry delays are about processes, not about the estate: they run on the wall clock even when
            // a replay pins evaluation time with --now
            return new FileOutbox(s.stateDir().resolve("outbox"), Clock.systemUTC());
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

    /** Every transition, for the KPIs. */
    public TransitionHistory history() {
        return history;
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
