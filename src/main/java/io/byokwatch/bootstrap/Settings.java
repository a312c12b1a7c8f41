package io.byokwatch.bootstrap;

import io.byokwatch.app.DriftDetector;
import io.byokwatch.domain.ResourceId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every setting byokwatch reads, from environment variables (Azure app settings, {@code local.settings.json}), read
 * once at start-up and validated with one message per problem: what is wrong, which setting, an example.
 */
public record Settings(String inventoryMode, Path inventoryPath, String cloud, String armEndpoint,
                       List<String> subscriptions, String managementGroup, Path policyFile, String stateMode,
                       Path stateDir, String storageConnection, String storageAccount, String verdictTable,
                       String outboxQueue, Duration cacheTtl, int readBudgetPerMinute, String tableServiceUri,
                       String queueServiceUri, String notifyConfig, String deliveryTable, String deadLetterQueue,
                       int evaluationWidth) {

    public static final String INVENTORY = "BYOKWATCH_INVENTORY";
    public static final String INVENTORY_PATH = "BYOKWATCH_INVENTORY_PATH";
    public static final String CLOUD = "BYOKWATCH_CLOUD";
    public static final String ARM_ENDPOINT = "BYOKWATCH_ARM_ENDPOINT";
    public static final String SUBSCRIPTIONS = "BYOKWATCH_SUBSCRIPTIONS";
    public static final String MANAGEMENT_GROUP = "BYOKWATCH_MANAGEMENT_GROUP";
    public static final String POLICY_FILE = "BYOKWATCH_POLICY_FILE";
    public static final String STATE = "BYOKWATCH_STATE";
    public static final String STATE_DIR = "BYOKWATCH_STATE_DIR";
    public static final String STORAGE_CONNECTION = "AzureWebJobsStorage";
    public static final String STORAGE_ACCOUNT = "AzureWebJobsStorage__accountName";
    /** Service endpoints for identity-based storage; they carry the cloud's suffix (core.usgovcloudapi.net, ...). */
    public static final String TABLE_SERVICE_URI = "AzureWebJobsStorage__tableServiceUri";
    public static final String QUEUE_SERVICE_URI = "AzureWebJobsStorage__queueServiceUri";
    public static final String VERDICT_TABLE = "BYOKWATCH_VERDICT_TABLE";
    public static final String OUTBOX_QUEUE = "BYOKWATCH_OUTBOX_QUEUE";
    public static final String CACHE_TTL_SECONDS = "BYOKWATCH_CACHE_TTL_SECONDS";
    public static final String READ_BUDGET = "BYOKWATCH_READ_BUDGET_PER_MINUTE";
    /**
     * How many clusters one event re-evaluates at once, so that Table and Queue round trips overlap while the load on
     * ARM and storage stays bounded. Default 8 with Azure storage, 1 with the file store.
     */
    public static final String EVALUATION_WIDTH = "BYOKWATCH_EVALUATION_WIDTH";
    /** Read by the Functions host from the timer annotation, not by this class; listed so the templates set it. */
    public static final String RECONCILE_SCHEDULE = "BYOKWATCH_RECONCILE_SCHEDULE";
    /** The notify config: a file path, or the JSON itself (handy as an app setting). */
    public static final String NOTIFY_CONFIG = "BYOKWATCH_NOTIFY_CONFIG";
    public static final String DELIVERY_TABLE = "BYOKWATCH_DELIVERY_TABLE";
    public static final String DEADLETTER_QUEUE = "BYOKWATCH_DEADLETTER_QUEUE";
    /** Read by the Functions host for the DailyReminder timer (NCRONTAB); hourly is fine, the config picks the hour. */
    public static final String REMINDER_SCHEDULE = "BYOKWATCH_REMINDER_SCHEDULE";

    public static final List<String> CLOUDS = List.of("AzureCloud", "AzureUSGovernment", "AzureChinaCloud");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern QUEUE = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    /** Reads and validates; throws {@link SettingsException} listing every problem. */
    public static Settings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String mode = value(env, INVENTORY, "live").toLowerCase(Locale.ROOT);
        Path inventoryPath = null;
        if (!List.of("live", "files").contains(mode)) {
            problems.add(INVENTORY + "='" + mode + "' is not an inventory mode; use live (ARM and Resource Graph) or files");
        } else if (mode.equals("files")) {
            String p = value(env, INVENTORY_PATH, null);
            if (p == null) {
                problems.add(INVENTORY_PATH + " is required when " + INVENTORY + "=files; e.g. /home/site/inventory");
            } else {
                inventoryPath = Path.of(p);
            }
        }
        String cloud = value(env, CLOUD, "AzureCloud");
        if (CLOUDS.stream().noneMatch(c -> c.equalsIgnoreCase(cloud))) {
            problems.add(CLOUD + "='" + cloud + "' is not a cloud; use one of " + String.join(", ", CLOUDS));
        }
        String arm = value(env, ARM_ENDPOINT, null);
        if (arm != null && !arm.matches("https://[^\\s/]+(:\\d+)?/?")) {
            problems.add(ARM_ENDPOINT + "='" + arm + "' is not an https endpoint URL (tokens are never sent over http); e.g. https://management.azure.com/");
        }
        List<String> subscriptions = new ArrayList<>();
        String subs = value(env, SUBSCRIPTIONS, null);
        if (subs != null) {
            for (String s : Arrays.stream(subs.split("[,;\\s]+")).filter(x -> !x.isBlank()).toList()) {
                if (!GUID.matcher(s).matches()) {
                    problems.add(SUBSCRIPTIONS + " holds '" + s + "', which is not a subscription id; e.g. 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
                } else {
                    subscriptions.add(s.toLowerCase(Locale.ROOT));
                }
            }
        }
        String mg = value(env, MANAGEMENT_GROUP, null);
        if (mode.equals("live") && subs == null && mg == null) {
            problems.add("set " + SUBSCRIPTIONS + " (comma-separated subscription ids) or " + MANAGEMENT_GROUP
                    + " (a management group id) so byokwatch knows its scope");
        }
        String policy = value(env, POLICY_FILE, null);
        String state = value(env, STATE, mode.equals("files") ? "files" : "azure").toLowerCase(Locale.ROOT);
        Path stateDir = null;
        String connection = value(env, STORAGE_CONNECTION, null);
        String account = value(env, STORAGE_ACCOUNT, null);
        if (state.equals("files")) {
            stateDir = Path.of(value(env, STATE_DIR, ".byokwatch/state"));
        } else if (state.equals("azure")) {
            if (connection == null && account == null) {
                problems.add("set " + STORAGE_CONNECTION + " (a connection string) or " + STORAGE_ACCOUNT
                        + " (identity-based) for the verdict table and outbox queue; or " + STATE + "=files");
            }
        } else {
            problems.add(STATE + "='" + state + "' is not a state store; use azure (Table and Queue storage) or files");
        }
        String table = value(env, VERDICT_TABLE, "byokwatchverdicts");
        if (!TABLE.matcher(table).matches()) {
            problems.add(VERDICT_TABLE + "='" + table + "' is not a table name (3-63 letters and digits, starting with a letter); e.g. byokwatchverdicts");
        }
        String queue = value(env, OUTBOX_QUEUE, "byokwatch-outbox");
        if (!QUEUE.matcher(queue).matches()) {
            problems.add(OUTBOX_QUEUE + "='" + queue + "' is not a queue name (3-63 lower-case letters, digits, single hyphens); e.g. byokwatch-outbox");
        }
        String deliveryTable = value(env, DELIVERY_TABLE, "byokwatchdelivery");
        if (!TABLE.matcher(deliveryTable).matches()) {
            problems.add(DELIVERY_TABLE + "='" + deliveryTable + "' is not a table name (3-63 letters and digits, starting with a letter); e.g. byokwatchdelivery");
        }
        String deadLetters = value(env, DEADLETTER_QUEUE, "byokwatch-deadletter");
        if (!QUEUE.matcher(deadLetters).matches()) {
            problems.add(DEADLETTER_QUEUE + "='" + deadLetters + "' is not a queue name (3-63 lower-case letters, digits, single hyphens); e.g. byokwatch-deadletter");
        } else if (deadLetters.equals(queue)) {
            problems.add(DEADLETTER_QUEUE + " and " + OUTBOX_QUEUE + " are both '" + queue + "'; dead letters need a queue of their own, e.g. byokwatch-deadletter");
        }
        int ttl = integer(env, CACHE_TTL_SECONDS, 30, 0, 3600, problems);
        int budget = integer(env, READ_BUDGET, 1200, 10, 1_000_000, problems);
        // the file store takes one process-wide lock per write, so evaluating side by side only adds contention there
        int width = integer(env, EVALUATION_WIDTH, state.equals("files") ? 1 : DriftDetector.EVALUATION_WIDTH, 1, 64, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        String tableUri = value(env, TABLE_SERVICE_URI, account == null ? null : "https://" + account + ".table.core.windows.net");
        String queueUri = value(env, QUEUE_SERVICE_URI, account == null ? null : "https://" + account + ".queue.core.windows.net");
        return new Settings(mode, inventoryPath, canonicalCloud(cloud), arm, List.copyOf(subscriptions), mg,
                policy == null ? null : Path.of(policy), state, stateDir, connection, account, table, queue,
                Duration.ofSeconds(ttl), budget, tableUri, queueUri, value(env, NOTIFY_CONFIG, null), deliveryTable,
                deadLetters, width);
    }

    /**
     * True when a resource lies in the configured subscriptions; everything is in scope for file inventories, and with
     * a management group configured the inventory decides, since the group's subscriptions are known only to it.
     */
    public boolean inScope(ResourceId id) {
        if (subscriptions.isEmpty() || managementGroup != null || id == null) {
            return true;
        }
        String sub = id.subscriptionId();
        return sub != null && subscriptions.contains(sub.toLowerCase(Locale.ROOT));
    }

    private static String canonicalCloud(String cloud) {
        return CLOUDS.stream().filter(c -> c.equalsIgnoreCase(cloud)).findFirst().orElse(cloud);
    }

    private static String value(Map<String, String> env, String key, String dflt) {
        return EnvValues.value(env, key, dflt);
    }

    private static int integer(Map<String, String> env, String key, int dflt, int min, int max, List<String> problems) {
        return EnvValues.integer(env, key, dflt, min, max, problems);
    }
}
