package io.byokwatch.bootstrap;

import io.byokwatch.access.Thresholds;
import io.byokwatch.adapter.loganalytics.AccessTable;
import io.byokwatch.adapter.loganalytics.LogAnalyticsClients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the Key Vault access report, read once from environment variables (app settings) and validated with one
 * message per problem, like {@link Settings}. The CLI reads the thresholds from here too, so that a report run by hand
 * judges like the nightly one.
 *
 * @param workspaceId Log Analytics workspace (customer id GUID), or null when the logs come from files
 * @param logFiles    exported audit logs instead of a workspace (empty when a workspace is set)
 * @param endpoint    Log Analytics query endpoint: the cloud's, or BYOKWATCH_LOG_ANALYTICS_ENDPOINT
 * @param table       the table to read, or null to find it with a probe query
 * @param reportDir   a folder the nightly function writes its reports to, or null
 * @param reportStore where in the function's storage account the reports are kept as blobs, or null
 */
public record AccessSettings(String workspaceId, List<Path> logFiles, String endpoint, AccessTable table, int windowHours,
                             int baselineDays, Thresholds thresholds, Path allowlistFile, Path reportDir,
                             BlobPlace reportStore) {

    /**
     * A blob container of the function's own storage account: by connection string (Azurite, key-based accounts) or by
     * endpoint with the managed identity. The connection string is a secret: this record never prints it.
     */
    public record BlobPlace(String container, String connectionString, String endpoint) {
        @Override
        public String toString() {
            return "container " + container + (endpoint != null ? " at " + endpoint : " (by connection string)");
        }
    }

    public static final String WORKSPACE_ID = "BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID";
    public static final String LOG_FILES = "BYOKWATCH_ACCESS_LOG_FILES";
    public static final String ENDPOINT = "BYOKWATCH_LOG_ANALYTICS_ENDPOINT";
    public static final String TABLE = "BYOKWATCH_ACCESS_TABLE";
    public static final String WINDOW_HOURS = "BYOKWATCH_ACCESS_WINDOW_HOURS";
    public static final String BASELINE_DAYS = "BYOKWATCH_ACCESS_BASELINE_DAYS";
    public static final String ALLOWLIST_FILE = "BYOKWATCH_ACCESS_ALLOWLIST_FILE";
    public static final String REPORT_DIR = "BYOKWATCH_ACCESS_REPORT_DIR";
    /** A blob container in the function's storage account (AzureWebJobsStorage) to keep the reports in. */
    public static final String REPORT_CONTAINER = "BYOKWATCH_ACCESS_REPORT_CONTAINER";
    /** Read by the Functions host from the timer annotation, not by this class; listed so the templates set it. */
    public static final String REPORT_SCHEDULE = "BYOKWATCH_ACCESS_REPORT_SCHEDULE";
    /** Threshold settings: BYOKWATCH_ACCESS_ + the upper-snake name of the {@link Thresholds} component. */
    static final String THRESHOLD_PREFIX = "BYOKWATCH_ACCESS_";

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
    private static final String BLOB_SERVICE_URI = "AzureWebJobsStorage__blobServiceUri";

    /** Validates every setting; throws {@link SettingsException} listing each problem. */
    public static AccessSettings from(Map<String, String> env, String cloud) {
        List<String> problems = new ArrayList<>();
        String workspace = value(env, WORKSPACE_ID);
        String files = value(env, LOG_FILES);
        if (workspace == null && files == null) {
            problems.add("set " + WORKSPACE_ID + " (the Log Analytics workspace id the vaults' diagnostic settings send"
                    + " AuditEvent logs to, e.g. 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0) or " + LOG_FILES
                    + " (exported audit log files) for the access report");
        } else if (workspace != null && files != null) {
            problems.add("set either " + WORKSPACE_ID + " or " + LOG_FILES + ", not both");
        } else if (workspace != null && !GUID.matcher(workspace).matches()) {
            problems.add(WORKSPACE_ID + "='" + workspace + "' is not a workspace id; use the workspace's customer id GUID"
                    + " (az monitor log-analytics workspace show --query customerId), not its ARM id");
        }
        List<Path> logFiles = files == null ? List.of()
                : Arrays.stream(files.split("[,;]")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
        String endpoint = endpoint(env, cloud, problems);
        AccessTable table = table(env, problems);
        int window = integer(env, WINDOW_HOURS, 24, 1, 168, problems);
        int baseline = integer(env, BASELINE_DAYS, 14, 1, 90, problems);
        Thresholds thresholds = thresholds(env, problems);
        String allow = value(env, ALLOWLIST_FILE);
        String dir = value(env, REPORT_DIR);
        BlobPlace store = reportStore(env, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new AccessSettings(workspace == null ? null : workspace.toLowerCase(java.util.Locale.ROOT), logFiles, endpoint,
                table, window, baseline, thresholds, allow == null ? null : Path.of(allow), dir == null ? null : Path.of(dir),
                store);
    }

    private static BlobPlace reportStore(Map<String, String> env, List<String> problems) {
        String container = value(env, REPORT_CONTAINER);
        if (container == null) {
            return null;
        }
        if (!CONTAINER.matcher(container).matches()) {
            problems.add(REPORT_CONTAINER + "='" + container + "' is not a blob container name (3-63 lower-case letters,"
                    + " digits and single hyphens); e.g. byokwatch-reports");
            return null;
        }
        String connection = value(env, Settings.STORAGE_CONNECTION);
        String account = value(env, Settings.STORAGE_ACCOUNT);
        String endpoint = value(env, BLOB_SERVICE_URI);
        if (endpoint == null && account != null) {
            endpoint = "https://" + account + ".blob.core.windows.net";
        }
        if (connection == null && endpoint == null) {
            problems.add(REPORT_CONTAINER + " keeps the reports in the function's storage account, but neither "
                    + Settings.STORAGE_CONNECTION + " (a connection string) nor " + BLOB_SERVICE_URI + " or "
                    + Settings.STORAGE_ACCOUNT + " (identity-based) is set");
            return null;
        }
        return new BlobPlace(container, connection, connection == null ? endpoint : null);
    }

    /**
     * What a command-line run reads from the same settings: thresholds, table and endpoint (the log source itself comes
     * from flags). Throws {@link SettingsException} listing each problem.
     */
    public record ForCommandLine(Thresholds thresholds, AccessTable table, String endpoint) {
    }

    public static ForCommandLine forCommandLine(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Thresholds t = thresholds(env, problems);
        AccessTable table = table(env, problems);
        String endpoint = endpoint(env, value(env, Settings.CLOUD) == null ? "AzureCloud" : value(env, Settings.CLOUD), problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new ForCommandLine(t, table, endpoint);
    }

    private static String endpoint(Map<String, String> env, String cloud, List<String> problems) {
        String endpoint = value(env, ENDPOINT);
        if (endpoint == null) {
            return LogAnalyticsClients.ENDPOINTS.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(cloud))
                    .map(Map.Entry::getValue).findFirst().orElse(LogAnalyticsClients.ENDPOINTS.get("AzureCloud"));
        }
        if (!endpoint.matches("https://[^\\s/]+(:\\d+)?(/v1)?/?")) {
            problems.add(ENDPOINT + "='" + endpoint + "' is not a Log Analytics endpoint; e.g. https://api.loganalytics.us");
        }
        return endpoint;
    }

    /** The table setting; null for auto (or unset): found with the probe query. */
    private static AccessTable table(Map<String, String> env, List<String> problems) {
        String t = value(env, TABLE);
        if (t == null || t.equalsIgnoreCase("auto")) {
            return null;
        }
        AccessTable table = AccessTable.named(t);
        if (table == null) {
            problems.add(TABLE + "='" + t + "' is not a table; use auto, " + AccessTable.names());
        }
        return table;
    }

    private static Thresholds thresholds(Map<String, String> env, List<String> problems) {
        Thresholds d = Thresholds.DEFAULTS;
        int before = problems.size();
        Thresholds t = new Thresholds(
                integer(env, THRESHOLD_PREFIX + "MIN_BASELINE_DAYS", d.minBaselineDays(), 1, 90, problems),
                integer(env, THRESHOLD_PREFIX + "SPIKE_MIN_COUNT", d.spikeMinCount(), 1, 1_000_000, problems),
                decimal(env, THRESHOLD_PREFIX + "SPIKE_RATIO", d.spikeRatio(), 1.01, 1000, problems),
                decimal(env, THRESHOLD_PREFIX + "SPIKE_Z", d.spikeZ(), 0.5, 100, problems),
                integer(env, THRESHOLD_PREFIX + "FAILURE_MIN_COUNT", d.failureMinCount(), 1, 1_000_000, problems),
                decimal(env, THRESHOLD_PREFIX + "FAILURE_RATIO", d.failureRatio(), 1.01, 1000, problems),
                decimal(env, THRESHOLD_PREFIX + "FAILURE_Z", d.failureZ(), 0.5, 100, problems),
                integer(env, THRESHOLD_PREFIX + "IPV4_PREFIX", d.ipv4Prefix(), 8, 32, problems),
                integer(env, THRESHOLD_PREFIX + "IPV6_PREFIX", d.ipv6Prefix(), 16, 128, problems),
                integer(env, THRESHOLD_PREFIX + "NEW_SOURCE_MIN_COUNT", d.newSourceMinCount(), 1, 1_000_000, problems),
                integer(env, THRESHOLD_PREFIX + "ROUTINE_DAYS", d.routineDays(), 1, 90, problems));
        return problems.size() > before ? d : t;
    }

    private static String value(Map<String, String> env, String key) {
        return EnvValues.value(env, key, null);
    }

    private static int integer(Map<String, String> env, String key, int dflt, int min, int max, List<String> problems) {
        return EnvValues.integer(env, key, dflt, min, max, problems);
    }

    private static double decimal(Map<String, String> env, String key, double dflt, double min, double max, List<String> problems) {
        String v = value(env, key);
        if (v == null) {
            return dflt;
        }
        try {
            double x = Double.parseDouble(v);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        problems.add(key + "='" + v + "' must be a number from " + min + " to " + max + "; e.g. " + dflt);
        return dflt;
    }
}
