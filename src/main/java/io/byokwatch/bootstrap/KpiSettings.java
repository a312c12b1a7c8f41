package io.byokwatch.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the transition history and the KPIs computed from it, read once from environment variables (app
 * settings) and validated with one message per problem, like {@link Settings}.
 *
 * @param historyTable  the Table the history is kept in when state lives in Azure
 * @param retention     how long history entries are kept
 * @param windowDays    how many days the nightly dashboard covers
 * @param reportDir     a folder the nightly KPI page is written to, or null
 * @param reportStore   the blob container of the function's storage account the page is kept in, or null
 * @param dashboardUrl  where people open the dashboard, for the weekly digest's link; null to link the kept page
 * @param pricesFile    a Key Vault price table replacing the bundled one, or null
 * @param keyMaxAgeDays how old a key's newest version may be and still count as rotated within policy
 */
public record KpiSettings(String historyTable, Duration retention, int windowDays, Path reportDir,
                          AccessSettings.BlobPlace reportStore, String dashboardUrl, Path pricesFile, int keyMaxAgeDays) {
    public static final String HISTORY_TABLE = "BYOKWATCH_HISTORY_TABLE";
    public static final String HISTORY_RETENTION_DAYS = "BYOKWATCH_HISTORY_RETENTION_DAYS";
    public static final String WINDOW_DAYS = "BYOKWATCH_KPI_WINDOW_DAYS";
    public static final String REPORT_DIR = "BYOKWATCH_KPI_REPORT_DIR";
    /** A blob container in the function's storage account (AzureWebJobsStorage) to keep the KPI page in. */
    public static final String REPORT_CONTAINER = "BYOKWATCH_KPI_REPORT_CONTAINER";
    public static final String DASHBOARD_URL = "BYOKWATCH_KPI_DASHBOARD_URL";
    public static final String PRICES_FILE = "BYOKWATCH_KPI_PRICES_FILE";
    public static final String KEY_MAX_AGE_DAYS = "BYOKWATCH_KEY_MAX_AGE_DAYS";
    /** Read by the Functions host from the timer annotations, not by this class; listed so the templates set them. */
    public static final String REPORT_SCHEDULE = "BYOKWATCH_KPI_REPORT_SCHEDULE";
    public static final String DIGEST_SCHEDULE = "BYOKWATCH_KPI_DIGEST_SCHEDULE";

    public static final int DEFAULT_KEY_MAX_AGE_DAYS = 365;
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    /** Validates every setting; throws {@link SettingsException} listing each problem. */
    public static KpiSettings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = EnvValues.value(env, HISTORY_TABLE, "byokwatchhistory");
        if (!TABLE.matcher(table).matches()) {
            problems.add(HISTORY_TABLE + "='" + table + "' is not a table name (3-63 letters and digits, starting with a"
                    + " letter); e.g. byokwatchhistory");
        }
        int retention = EnvValues.integer(env, HISTORY_RETENTION_DAYS, 400, 30, 3650, problems);
        int window = EnvValues.integer(env, WINDOW_DAYS, 90, 1, 400, problems);
        int maxAge = EnvValues.integer(env, KEY_MAX_AGE_DAYS, DEFAULT_KEY_MAX_AGE_DAYS, 1, 3650, problems);
        String dir = EnvValues.value(env, REPORT_DIR, null);
        String url = EnvValues.value(env, DASHBOARD_URL, null);
        if (url != null && !url.matches("https?://\\S+")) {
            problems.add(DASHBOARD_URL + "='" + url + "' is not a web address; e.g. https://byokwatch.azurewebsites.net/api/kpi/page");
        }
        String prices = EnvValues.value(env, PRICES_FILE, null);
        AccessSettings.BlobPlace store = reportStore(env, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new KpiSettings(table, Duration.ofDays(retention), window, dir == null ? null : Path.of(dir), store, url,
                prices == null ? null : Path.of(prices), maxAge);
    }

    private static AccessSettings.BlobPlace reportStore(Map<String, String> env, List<String> problems) {
        String container = EnvValues.value(env, REPORT_CONTAINER, null);
        if (container == null) {
            return null;
        }
        if (!CONTAINER.matcher(container).matches()) {
            problems.add(REPORT_CONTAINER + "='" + container + "' is not a blob container name (3-63 lower-case letters,"
                    + " digits and single hyphens); e.g. byokwatch-reports");
            return null;
        }
        String connection = EnvValues.value(env, Settings.STORAGE_CONNECTION, null);
        String account = EnvValues.value(env, Settings.STORAGE_ACCOUNT, null);
        String endpoint = EnvValues.value(env, "AzureWebJobsStorage__blobServiceUri",
                account == null ? null : "https://" + account + ".blob.core.windows.net");
        if (connection == null && endpoint == null) {
            problems.add(REPORT_CONTAINER + " keeps the KPI page in the function's storage account, but neither "
                    + Settings.STORAGE_CONNECTION + " nor " + Settings.STORAGE_ACCOUNT + " is set");
            return null;
        }
        return new AccessSettings.BlobPlace(container, connection, connection == null ? endpoint : null);
    }
}
