package io.byokwatch.adapter.loganalytics;

import io.byokwatch.domain.AccessScope;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two tables a Key Vault diagnostic setting can write AuditEvent logs to: AzureDiagnostics ("Azure diagnostics"
 * mode, flattened columns such as {@code CallerIPAddress} and {@code identity_claim_oid_g}) and AZKVAuditLogs
 * (resource-specific mode, {@code CallerIpAddress} and a dynamic {@code Identity}). Each has its own queries.
 */
public enum AccessTable {
    AZURE_DIAGNOSTICS("AzureDiagnostics", "hourly-azurediagnostics", "raw-rows-azurediagnostics"),
    AZKV_AUDIT_LOGS("AZKVAuditLogs", "hourly-azkvauditlogs", "raw-rows-azkvauditlogs");

    private final String tableName;
    private final KqlQuery hourly;
    private final KqlQuery rawRows;

    AccessTable(String tableName, String hourly, String rawRows) {
        this.tableName = tableName;
        this.hourly = KqlQuery.load(hourly);
        this.rawRows = KqlQuery.load(rawRows);
    }

    /** The table's name in the workspace. */
    public String tableName() {
        return tableName;
    }

    KqlQuery hourly() {
        return hourly;
    }

    /** The table named (case-insensitively), or null when the text names neither. */
    public static AccessTable named(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName.equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst().orElse(null);
    }

    public static String names() {
        return Arrays.stream(values()).map(AccessTable::tableName).collect(Collectors.joining(", "));
    }

    /** The raw-rows query of this table for the scope. */
    public String rawRowsQuery(AccessScope scope) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("windowStart", scope.from());
        values.put("windowEnd", scope.to());
        values.put("vaultName", scope.vault());
        values.put("keyName", scope.key());
        values.put("operationName", scope.operation());
        values.put("callerId", scope.caller().id());
        values.put("sourceIp", scope.sourceIp());
        values.put("httpStatus", scope.status());
        return rawRows.render(values);
    }
}
