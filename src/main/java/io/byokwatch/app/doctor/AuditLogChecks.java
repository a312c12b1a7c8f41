package io.byokwatch.app.doctor;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.AuditRowCounts;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.DeploymentReads.DiagnosticSetting;
import io.byokwatch.port.DeploymentReads.LogSetting;
import io.byokwatch.port.Lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Does the access report have logs to read? Each vault holding disk or KMS keys must send {@code AuditEvent} (alone, or
 * through the {@code audit} or {@code allLogs} group) to the workspace the report queries, compared by the workspace's
 * customer id since settings name it by ARM id; and that workspace must hold recent Key Vault audit rows.
 */
final class AuditLogChecks {
    static final Duration WINDOW = Duration.ofHours(24);
    private static final Set<String> AUDIT_GROUPS = Set.of("audit", "alllogs");

    private final DeploymentReads reads;
    private final AuditRowCounts rows;
    private final String workspaceCustomerId;
    private final Grants grants;
    private final Map<String, Lookup<String>> customerIds = new HashMap<>();
    /** ARM ids of workspaces found to be the one byokwatch reads, for the fix commands. */
    private final Set<String> ourWorkspace = new LinkedHashSet<>();

    AuditLogChecks(DeploymentReads reads, AuditRowCounts rows, String workspaceCustomerId, Grants grants) {
        this.reads = reads;
        this.rows = rows;
        this.workspaceCustomerId = workspaceCustomerId == null || workspaceCustomerId.isBlank() ? null
                : workspaceCustomerId.trim().toLowerCase(Locale.ROOT);
        this.grants = grants;
    }

    DoctorCheck setting(ResourceId vault) {
        String subject = vault.toString();
        if (workspaceCustomerId == null) {
            return DoctorCheck.unknown("audit-setting", subject, "No workspace is configured (BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID),"
                    + " so there is none to compare vault " + vault.name() + "'s diagnostic settings with.",
                    "Set BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID to the workspace's customer id (infra/main.bicep sets it), or"
                            + " pass --workspace to byokwatch doctor.");
        }
        Lookup<List<DiagnosticSetting>> settings = reads.diagnosticSettings(vault);
        if (!(settings instanceof Lookup.Found<List<DiagnosticSetting>> found)) {
            return DoctorCheck.unknown("audit-setting", subject, "Could not read the diagnostic settings of vault "
                    + vault.name() + ": " + EventRoutingChecks.reason(settings) + ".", grants.role("Reader", vault.toString()));
        }
        List<String> elsewhere = new ArrayList<>();
        String unreadable = null;
        ResourceId unreadableWorkspace = null;
        for (DiagnosticSetting s : found.value()) {
            if (!sendsAuditEvent(s) || s.workspaceId() == null || s.workspaceId().isBlank()) {
                continue;
            }
            ResourceId workspace = ResourceId.orNull(s.workspaceId());
            if (workspace == null) {
                elsewhere.add(s.name() + " (workspace '" + s.workspaceId() + "')");
                continue;
            }
            Lookup<String> customerId = customerIds.computeIfAbsent(workspace.key(), k -> reads.workspaceCustomerId(workspace));
            if (customerId instanceof Lookup.Found<String> c) {
                if (c.value().trim().equalsIgnoreCase(workspaceCustomerId)) {
                    ourWorkspace.add(workspace.toString());
                    return DoctorCheck.pass("audit-setting", subject, "Diagnostic setting " + s.name() + " sends vault "
                            + vault.name() + "'s AuditEvent logs to workspace " + workspace.name()
                            + ", the one the access report reads.");
                }
                elsewhere.add(s.name() + " (workspace " + workspace.name() + ")");
            } else {
                unreadable = "Diagnostic setting " + s.name() + " sends AuditEvent to workspace " + workspace
                        + ", which could not be read to compare: " + EventRoutingChecks.reason(customerId) + ".";
                unreadableWorkspace = workspace;
            }
        }
        if (unreadable != null) {
            return DoctorCheck.unknown("audit-setting", subject, unreadable, grants.role("Reader", unreadableWorkspace.toString()));
        }
        String fix = "Send the vault's AuditEvent logs to the workspace byokwatch reads (customer id " + workspaceCustomerId
                + "): list the vault in byokVaultIds of infra/main.bicep and deploy again, or\n"
                + Shell.command("az", "monitor", "diagnostic-settings", "create", "--name", "byokwatch-audit", "--resource",
                vault.toString(), "--workspace", ourWorkspace.isEmpty() ? "\"$BYOKWATCH_WORKSPACE_ID\"" : ourWorkspace.iterator().next(),
                "--logs", "[{\"category\":\"AuditEvent\",\"enabled\":true}]", "--export-to-resource-specific", "true")
                + (ourWorkspace.isEmpty() ? "\n(BYOKWATCH_WORKSPACE_ID: the workspace's ARM id, the workspaceId output of"
                + " the deployment.)" : "");
        return DoctorCheck.fail("audit-setting", subject, elsewhere.isEmpty()
                ? "Vault " + vault.name() + " sends its AuditEvent logs to no Log Analytics workspace, so the access report"
                + " cannot see who uses its keys."
                : "Vault " + vault.name() + " sends AuditEvent only to " + String.join(", ", elsewhere) + ", not to the"
                + " workspace the access report reads.", fix);
    }

    /**
     * One check for the workspace and one per vault: rows arrived in the last 24 hours. A vault nobody used in that
     * window writes nothing, so a vault without rows is unknown, not failed.
     */
    List<DoctorCheck> rows(List<ResourceId> vaults) {
        List<DoctorCheck> out = new ArrayList<>();
        if (workspaceCustomerId == null || rows == null) {
            out.add(DoctorCheck.unknown("audit-workspace", "workspace", "No Log Analytics workspace is configured, so the"
                    + " nightly access report has no logs to read.", "Set BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID to the"
                    + " workspace's customer id (az monitor log-analytics workspace show --query customerId), or pass"
                    + " --workspace to byokwatch doctor."));
            return out;
        }
        Lookup<Map<String, AuditRowCounts.Rows>> counted = rows.recentRows(WINDOW);
        if (!(counted instanceof Lookup.Found<Map<String, AuditRowCounts.Rows>> found)) {
            out.add(DoctorCheck.unknown("audit-workspace", workspaceCustomerId, "Could not query " + rows.describe() + ": "
                    + EventRoutingChecks.reason(counted) + ".", ourWorkspace.isEmpty()
                    ? "Give byokwatch's identity Log Analytics Reader on the workspace (infra/main.bicep does)."
                    : grants.role("Log Analytics Reader", ourWorkspace.iterator().next())));
            return out;
        }
        Map<String, AuditRowCounts.Rows> byVault = found.value();
        long total = byVault.values().stream().mapToLong(AuditRowCounts.Rows::count).sum();
        if (total == 0) {
            out.add(DoctorCheck.fail("audit-workspace", workspaceCustomerId, rows.describe() + " holds no Key Vault audit"
                    + " rows from the last " + WINDOW.toHours() + " hours, in AZKVAuditLogs or AzureDiagnostics.",
                    "Check that the vaults' diagnostic settings send AuditEvent to this workspace (the audit-setting"
                            + " checks), then allow up to 15 minutes for the first rows to arrive."));
        } else {
            out.add(DoctorCheck.pass("audit-workspace", workspaceCustomerId, rows.describe() + " holds " + total
                    + " Key Vault audit rows from the last " + WINDOW.toHours() + " hours, from " + byVault.size()
                    + " vault(s)."));
        }
        for (ResourceId vault : vaults) {
            AuditRowCounts.Rows r = byVault.get(vault.key());
            if (r != null && r.count() > 0) {
                out.add(DoctorCheck.pass("audit-rows", vault.toString(), r.count() + " audit rows from vault " + vault.name()
                        + " in the last " + WINDOW.toHours() + " hours, the newest at " + r.latest() + "."));
            } else {
                out.add(DoctorCheck.unknown("audit-rows", vault.toString(), "No audit rows from vault " + vault.name()
                        + " in the last " + WINDOW.toHours() + " hours: either nothing used the vault in that time, or its"
                        + " logs do not reach this workspace.", "If the audit-setting check for this vault passed, use the"
                        + " vault once (a key read or a disk attach) and run byokwatch doctor again after 15 minutes."));
            }
        }
        return out;
    }

    private static boolean sendsAuditEvent(DiagnosticSetting s) {
        for (LogSetting l : s.logs()) {
            if (!l.enabled()) {
                continue;
            }
            if ("AuditEvent".equalsIgnoreCase(l.category())
                    || (l.categoryGroup() != null && AUDIT_GROUPS.contains(l.categoryGroup().toLowerCase(Locale.ROOT)))) {
                return true;
            }
        }
        return false;
    }
}
