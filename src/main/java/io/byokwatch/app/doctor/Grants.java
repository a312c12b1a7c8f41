package io.byokwatch.app.doctor;

/**
 * Fix commands that grant byokwatch's identity a role. With its client id known (AZURE_CLIENT_ID in the app) the
 * command names it; otherwise the first line reads the principal id from the deployment's output.
 */
final class Grants {
    static final String PRINCIPAL_FROM_DEPLOYMENT = "BYOKWATCH_PRINCIPAL_ID=$(az deployment sub show --name byokwatch"
            + " --query properties.outputs.identityPrincipalId.value --output tsv)";

    private final String assignee;

    Grants(String assignee) {
        this.assignee = assignee == null || assignee.isBlank() ? null : assignee.trim();
    }

    /** {@code az role assignment create} of one role at one scope, preceded by the principal look-up when needed. */
    String role(String role, String scope) {
        if (assignee != null) {
            return Shell.command("az", "role", "assignment", "create", "--assignee", assignee, "--role", role, "--scope", scope);
        }
        return PRINCIPAL_FROM_DEPLOYMENT + "\n" + Shell.command("az", "role", "assignment", "create",
                "--assignee-object-id", "\"$BYOKWATCH_PRINCIPAL_ID\"", "--assignee-principal-type", "ServicePrincipal",
                "--role", role, "--scope", scope);
    }
}
