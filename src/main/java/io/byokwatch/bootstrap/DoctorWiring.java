package io.byokwatch.bootstrap;

import io.byokwatch.adapter.arm.ArmCloud;
import io.byokwatch.adapter.arm.ArmDeploymentReads;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.adapter.loganalytics.LogAnalyticsAuditRows;
import io.byokwatch.adapter.loganalytics.LogAnalyticsClients;
import io.byokwatch.adapter.storage.FileStateProbe;
import io.byokwatch.adapter.storage.StorageStateProbe;
import io.byokwatch.app.doctor.Doctor;
import io.byokwatch.app.doctor.DoctorConfig;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.AuditRowCounts;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.StateProbe;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Wires {@code byokwatch doctor} from the app's settings, with command-line choices in front of them. Unlike the
 * runtime it opens nothing at construction: the storage it checks may be the very thing that is broken.
 */
public final class DoctorWiring {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /** Command-line choices that replace the settings; null (or empty) keeps the setting. */
    public record Choices(List<String> subscriptions, String managementGroup, String functionAppId, String workspaceId,
                          String notifyConfig) {
        public static final Choices NONE = new Choices(List.of(), null, null, null, null);

        public Choices {
            subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        }
    }

    /** The adapters doctor reads through, built from settings; tests hand in ones aimed at local fakes. */
    public interface Adapters {
        DeploymentReads reads(ArmSettings arm);

        Inventory inventory(ArmSettings arm);

        AuditRowCounts auditRows(String workspaceCustomerId, String endpoint);

        StateProbe state(Settings settings);
    }

    public record Wired(Doctor doctor, DoctorConfig config) {
    }

    private DoctorWiring() {
    }

    /** Production adapters: ARM, Resource Graph, Log Analytics and Storage as byokwatch's identity. */
    public static Wired fromEnvironment(Map<String, String> env, Choices choices, Clock clock) {
        return wire(env, choices, clock, new Adapters() {
            @Override
            public DeploymentReads reads(ArmSettings arm) {
                return new ArmDeploymentReads(arm);
            }

            @Override
            public Inventory inventory(ArmSettings arm) {
                return new LiveInventory(arm);
            }

            @Override
            public AuditRowCounts auditRows(String workspace, String endpoint) {
                return new LogAnalyticsAuditRows(LogAnalyticsClients.client(endpoint, Credentials.managed(env.get(Settings.CLOUD)),
                        null, LogAnalyticsClients.defaultRetry()), workspace, clock);
            }

            @Override
            public StateProbe state(Settings s) {
                return stateProbe(s);
            }
        });
    }

    /**
     * @throws SettingsException when the settings (with the choices applied) are unusable, naming each problem
     */
    public static Wired wire(Map<String, String> env, Choices choices, Clock clock, Adapters adapters) {
        Map<String, String> effective = new HashMap<>(env);
        effective.put(Settings.INVENTORY, "live");
        if (!choices.subscriptions().isEmpty()) {
            effective.put(Settings.SUBSCRIPTIONS, String.join(",", choices.subscriptions()));
            if (choices.managementGroup() == null) {
                effective.remove(Settings.MANAGEMENT_GROUP);
            }
        }
        if (choices.managementGroup() != null) {
            effective.put(Settings.MANAGEMENT_GROUP, choices.managementGroup());
            if (choices.subscriptions().isEmpty()) {
                effective.remove(Settings.SUBSCRIPTIONS);
            }
        }
        // a machine without the app's storage settings can still check everything else
        boolean storageConfigured = EnvValues.value(effective, Settings.STATE, null) != null
                || EnvValues.value(effective, Settings.STORAGE_CONNECTION, null) != null
                || EnvValues.value(effective, Settings.STORAGE_ACCOUNT, null) != null;
        if (!storageConfigured) {
            effective.put(Settings.STATE, "files");
        }
        List<String> problems = new ArrayList<>();
        String functionApp = first(choices.functionAppId(), EnvValues.value(effective, DoctorSettings.FUNCTION_APP_ID, null));
        ResourceId app = functionApp == null ? null : ResourceId.orNull(functionApp);
        if (functionApp != null && (app == null || !app.isType("microsoft.web/sites"))) {
            problems.add("'" + functionApp + "' is not the ARM id of a Function App; use the functionAppId output of"
                    + " infra/main.bicep, e.g. /subscriptions/<id>/resourceGroups/rg-byokwatch/providers/Microsoft.Web/sites/func-byokwatch-<token>");
        }
        String workspace = first(choices.workspaceId(), EnvValues.value(effective, AccessSettings.WORKSPACE_ID, null));
        if (workspace != null && !GUID.matcher(workspace).matches()) {
            problems.add("workspace '" + workspace + "' is not a workspace customer id GUID (az monitor log-analytics"
                    + " workspace show --query customerId)");
        }
        Settings settings;
        try {
            settings = Settings.from(effective);
        } catch (SettingsException e) {
            problems.addAll(e.problems());
            throw new SettingsException(problems);
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        ArmSettings arm = new ArmSettings(ArmCloud.parse(settings.cloud()),
                settings.armEndpoint() == null ? null : URI.create(settings.armEndpoint()), settings.subscriptions(),
                settings.managementGroup(), Credentials.managed(settings), settings.readBudgetPerMinute(),
                settings.cacheTtl(), ArmSettings.DEFAULT_MAX_RETRIES);
        String endpoint = EnvValues.value(effective, AccessSettings.ENDPOINT, LogAnalyticsClients.ENDPOINTS.getOrDefault(
                settings.cloud(), LogAnalyticsClients.ENDPOINTS.get("AzureCloud")));
        AuditRowCounts rows = workspace == null ? null : adapters.auditRows(workspace.toLowerCase(Locale.ROOT), endpoint);
        StateProbe state = storageConfigured ? adapters.state(settings) : () -> List.of(new StateProbe.Store("state storage",
                null, "No state storage is configured here (AzureWebJobsStorage, BYOKWATCH_STATE), so it was not checked.",
                "Run the check in the app (GET /api/doctor) or set the app's storage settings in this shell."));
        String clientId = EnvValues.value(effective, "AZURE_CLIENT_ID", null);
        DoctorConfig config = new DoctorConfig(settings.subscriptions(), settings.managementGroup(), app, workspace,
                clientId, first(choices.notifyConfig(), settings.notifyConfig()), Path.of("").toAbsolutePath(), effective,
                clientId == null ? "this shell's Azure credentials (az login, environment or workload identity)"
                        : "managed identity with client id " + clientId);
        return new Wired(new Doctor(adapters.reads(arm), adapters.inventory(arm), rows, state, clock), config);
    }

    static StateProbe stateProbe(Settings s) {
        if (s.stateMode().equals("files")) {
            return new FileStateProbe(s.stateDir());
        }
        List<String> tables = List.of(s.verdictTable(), s.deliveryTable());
        List<String> queues = List.of(s.outboxQueue(), s.deadLetterQueue());
        return s.storageConnection() != null ? StorageStateProbe.connectionString(s.storageConnection(), tables, queues)
                : StorageStateProbe.identity(s.tableServiceUri(), s.queueServiceUri(), Credentials.managed(s), tables, queues,
                s.storageAccount());
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b;
    }
}
