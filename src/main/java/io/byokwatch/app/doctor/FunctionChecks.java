package io.byokwatch.app.doctor;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.List;

/**
 * The functions Event Grid delivers to must exist (the code is published) and be enabled: a function disabled with
 * the {@code AzureWebJobs.<name>.Disabled} setting accepts no events, and Event Grid drops them after its retries.
 */
final class FunctionChecks {
    static final List<String> DELIVERED_TO = List.of(EventRoutingChecks.RESOURCE_CHANGED, EventRoutingChecks.KEY_VAULT_CHANGED);

    private FunctionChecks() {
    }

    static List<DoctorCheck> check(DeploymentReads reads, ResourceId functionApp) {
        List<DoctorCheck> out = new ArrayList<>();
        if (functionApp == null) {
            out.add(DoctorCheck.unknown("function", "functions", "The Function App is not known, so neither its functions"
                    + " nor the event subscriptions' destinations could be matched to this deployment.", "Pass"
                    + " --function-app with the app's ARM id (the functionAppId output of infra/main.bicep); in Azure the"
                    + " app sets BYOKWATCH_FUNCTION_APP_ID itself."));
            return out;
        }
        for (String name : DELIVERED_TO) {
            String subject = functionApp + "/functions/" + name;
            Lookup<DeploymentReads.FunctionState> f = reads.function(functionApp, name);
            if (f instanceof Lookup.Found<DeploymentReads.FunctionState> found) {
                if (found.value().disabled()) {
                    out.add(DoctorCheck.fail("function", subject, "Function " + name + " is disabled, so it takes no events.",
                            Shell.command("az", "functionapp", "config", "appsettings", "delete", "--name", functionApp.name(),
                                    "--resource-group", functionApp.resourceGroup(), "--setting-names",
                                    "AzureWebJobs." + name + ".Disabled")));
                } else {
                    out.add(DoctorCheck.pass("function", subject, "Function " + name + " exists and is enabled."));
                }
            } else if (f instanceof Lookup.Absent<DeploymentReads.FunctionState> a) {
                out.add(DoctorCheck.fail("function", subject, "Function " + name + " does not exist in " + functionApp.name()
                        + " (" + a.evidence() + "): the code is not published, or published without it.", "Publish the"
                        + " code (infra/README.md, step 4), then check again."));
            } else {
                out.add(DoctorCheck.unknown("function", subject, "Could not read function " + name + ": "
                        + EventRoutingChecks.reason(f) + ".", "Give byokwatch's identity Reader on the Function App's"
                        + " resource group, or run byokwatch doctor as someone who has it."));
            }
        }
        return out;
    }
}
