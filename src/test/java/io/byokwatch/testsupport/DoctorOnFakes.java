package io.byokwatch.testsupport;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.byokwatch.adapter.arm.ArmDeploymentReads;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.adapter.arm.TestTls;
import io.byokwatch.adapter.loganalytics.LocalLogAnalytics;
import io.byokwatch.adapter.loganalytics.LogAnalyticsAuditRows;
import io.byokwatch.adapter.loganalytics.LogAnalyticsClients;
import io.byokwatch.adapter.storage.StorageStateProbe;
import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.port.AuditRowCounts;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.StateProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code byokwatch doctor} wired as in production but aimed at local stand-ins: the real ARM pipeline over HTTPS to
 * the fake ARM (with the harness's token instead of Entra ID), the real Log Analytics client to a local workspace,
 * and Azurite (or any connection string) for state. Holds a working deployment until a test breaks part of it.
 */
public final class DoctorOnFakes implements AutoCloseable {
    public static final String SLACK = "https://hooks.slack.com/services/T0000/B0000/test-only-not-a-real-hook";
    public static final String SIEM_SECRET = "c2lnbmluZy1rZXktZm9yLXRlc3RzLW9ubHktMzItY2hhcnM";
    public static final String CLIENT_ID = "7d1f5a9e-0000-4000-8000-00000000c1d0";
    public static final String NOTIFY = """
            {"channels": {"sec-slack": {"type": "slack", "urlSetting": "SLACK_SEC_URL"},
                          "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
             "default": ["sec-slack", "siem"]}""";

    public final FakeArm arm;
    public final LocalLogAnalytics workspace;
    public Harness h;
    /** How the workspace answers the next query; rows of the deployment's vault by default. */
    public volatile Function<LocalLogAnalytics.Request, LocalLogAnalytics.Response> answer;
    /** The state storage's connection string; Azurite by default. */
    public String storage;

    private DoctorOnFakes() {
        this.arm = FakeArm.start();
        this.workspace = new LocalLogAnalytics(r -> answer.apply(r));
    }

    public static DoctorOnFakes start() {
        return new DoctorOnFakes();
    }

    /** A fresh working deployment, a default workspace answer, Azurite; returns the app settings that go with it. */
    public Map<String, String> reset() {
        h = new Harness(arm);
        new Deployment(arm).healthy();
        answer = r -> LocalLogAnalytics.Response.ok(rows(Deployment.VAULT.toString().toLowerCase(java.util.Locale.ROOT), 42));
        workspace.requests.clear();
        storage = Azurite.get().connectionString();
        Map<String, String> env = new HashMap<>();
        env.put(Settings.SUBSCRIPTIONS, Deployment.WATCHED);
        env.put(Settings.STATE, "azure");
        env.put("BYOKWATCH_FUNCTION_APP_ID", Deployment.APP.toString());
        env.put("BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID", Deployment.WORKSPACE_CUSTOMER_ID);
        env.put("AZURE_CLIENT_ID", CLIENT_ID);
        env.put(Settings.NOTIFY_CONFIG, NOTIFY);
        env.put("SLACK_SEC_URL", SLACK);
        env.put("SIEM_URL", "https://siem.example.com/ingest/byokwatch");
        env.put("SIEM_SECRET", SIEM_SECRET);
        return env;
    }

    /** A Log Analytics answer: rows per vault, typed as the service types them. */
    public static String rows(String vault, long count) {
        return """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"Vault","type":"string"},{"name":"Rows","type":"long"},
                {"name":"Latest","type":"datetime"}],"rows":[["%s",%d,"2026-03-01T09:41:00Z"]]}]}""".formatted(vault, count);
    }

    /** The doctor for these settings and choices, as {@link DoctorWiring} builds it, with the stand-ins as adapters. */
    public DoctorWiring.Wired wire(Map<String, String> env, DoctorWiring.Choices choices) {
        Map<String, String> withStorage = new HashMap<>(env);
        withStorage.put(Settings.STORAGE_CONNECTION, storage);
        return DoctorWiring.wire(withStorage, choices, h.clock, adapters());
    }

    public DoctorWiring.Adapters adapters() {
        return new DoctorWiring.Adapters() {
            @Override
            public DeploymentReads reads(ArmSettings settings) {
                return new ArmDeploymentReads(aimed(settings), TestTls.get().trustingClient, h.clock, d -> h.clock.advance(d));
            }

            @Override
            public Inventory inventory(ArmSettings settings) {
                return new LiveInventory(aimed(settings), TestTls.get().trustingClient, h.clock, d -> h.clock.advance(d));
            }

            @Override
            public AuditRowCounts auditRows(String customerId, String endpoint) {
                return new LogAnalyticsAuditRows(LogAnalyticsClients.client(workspace.endpoint(),
                        new LocalLogAnalytics.FixedToken(), workspace.httpClient(),
                        new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(10)))), customerId, h.clock);
            }

            @Override
            public StateProbe state(Settings s) {
                return StorageStateProbe.connectionString(s.storageConnection(), List.of(s.verdictTable(), s.deliveryTable()),
                        List.of(s.outboxQueue(), s.deadLetterQueue()));
            }
        };
    }

    /** The settings' scope, with the fake's endpoint and the harness's token instead of Entra ID. */
    private ArmSettings aimed(ArmSettings settings) {
        return new ArmSettings(settings.cloud(), arm.endpoint(), settings.subscriptionIds(), settings.managementGroupId(),
                h.credential(), 100_000, null, 1);
    }

    @Override
    public void close() {
        arm.close();
        try {
            workspace.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
