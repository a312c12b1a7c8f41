package io.byokwatch.cli;

import io.byokwatch.adapter.plan.ArmTemplates;
import io.byokwatch.adapter.plan.PlanFormatException;
import io.byokwatch.adapter.plan.TerraformPlans;
import io.byokwatch.app.PlanCheck;
import io.byokwatch.app.PlanReport;
import io.byokwatch.app.UnknownVerdicts;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.bootstrap.PlanBases;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.PlannedEstate;
import io.byokwatch.render.plan.PlanFormats;
import io.byokwatch.render.report.ReportFormat;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code byokwatch plan}: judge a Terraform plan or an ARM/Bicep template before it is applied, with the rules that
 * judge the estate, joined with what exists ({@code --inventory} files or {@code --live}). Exit codes as {@code scan}.
 */
final class PlanCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    PlanCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> argv) {
        Args args = new Args("plan", argv, Set.of("terraform", "arm", "parameters", "subscription", "resource-group",
                "inventory", "policy", "format", "fail-on", "unknown", "source", "output", "now"), Set.of(), Set.of("live"));
        if (args.has("terraform") == args.has("arm")) {
            throw new UsageException("'plan' needs one of --terraform PLAN.json (terraform show -json plan.out > PLAN.json)"
                    + " or --arm TEMPLATE.json (az bicep build --file main.bicep)");
        }
        if (args.has("terraform")) {
            for (String armOnly : List.of("parameters", "subscription", "resource-group")) {
                if (args.has(armOnly)) {
                    throw new UsageException("--" + armOnly + " goes with --arm; a Terraform plan carries its own values");
                }
            }
        } else if (args.has("source")) {
            throw new UsageException("--source goes with --terraform; template resources are placed on their lines in the template");
        }
        String subscription = args.get("subscription");
        if (subscription != null && !subscription.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
            throw new UsageException("--subscription must be a subscription id, e.g. 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
        }
        if (args.has("live") && args.has("inventory")) {
            throw new UsageException("give --inventory PATH or --live, not both");
        }
        String format = args.choice("format", "table", List.of("table", "json", "sarif", "markdown"));
        String failOn = args.choice("fail-on", "high", List.of("critical", "high", "medium", "low", "none"));
        UnknownVerdicts unknown = UnknownVerdicts.parse(args.choice("unknown", "fail", List.of("pass", "fail")));
        Instant now = args.has("now") ? Times.parse("now", args.get("now")) : Instant.now();
        RuleCatalog catalog = RuleCatalog.standard();
        PlanRules planRules = PlanRules.standard();
        Policy policy = args.has("policy")
                ? new PolicyLoader(PlanRules.withCatalog(catalog)).load(Path.of(args.get("policy"))) : Policy.DEFAULT;
        List<String> inventoryNotes = new java.util.ArrayList<>();
        Inventory base = base(args, inventoryNotes);
        Path source = args.has("source") ? Path.of(args.get("source")) : null;
        PlannedEstate estate;
        try {
            estate = args.has("terraform") ? TerraformPlans.read(Path.of(args.get("terraform")), base, source)
                    : ArmTemplates.read(Path.of(args.get("arm")), args.has("parameters") ? Path.of(args.get("parameters")) : null,
                    base, subscription, args.get("resource-group"));
        } catch (PlanFormatException e) {
            throw new InputException(e.getMessage());
        }
        PlanReport report = new PlanCheck(catalog, planRules, Clock.fixed(now, ZoneOffset.UTC)).run(estate, policy, inventoryNotes);
        if (!format.equals("table")) {
            report.notes().forEach(n -> err.println("plan: " + n));
        }
        OutputFile.write(args.get("output"), PlanFormats.renderer(ReportFormat.parse(format), catalog, planRules).render(report),
                out, err);
        Severity worst = report.worst();
        boolean findings = !failOn.equals("none") && worst != null && worst.atLeast(Severity.parse(failOn));
        return findings || unknown.fails(report.scan().clusters()) ? 1 : 0;
    }

    /** Files as scan reads them (problems to stderr), the live estate, or nothing but the plan. */
    private Inventory base(Args args, List<String> notes) {
        if (args.has("live")) {
            try {
                return PlanBases.live(env);
            } catch (SettingsException e) {
                throw new InputException("--live: " + e.getMessage());
            }
        }
        if (!args.has("inventory")) {
            return null;
        }
        Path path = Path.of(args.get("inventory"));
        if (!Files.exists(path)) {
            throw new InputException("inventory path " + path + " does not exist; point --inventory at a JSON file or a folder of them");
        }
        FileInventory.Loaded loaded = FileInventory.load(path);
        loaded.problems().forEach(p -> err.println("warning: " + p));
        loaded.notes().forEach(n -> notes.add("inventory: " + n));
        return loaded.inventory();
    }
}
