package io.byokwatch.cli;

import io.byokwatch.adapter.plan.ArmTemplates;
import io.byokwatch.adapter.plan.PlanFormatException;
import io.byokwatch.adapter.plan.TerraformPlans;
import io.byokwatch.app.PlanCheck;
import io.byokwatch.app.PlanReport;
import io.byokwatch.app.VerdictGate;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code byokwatch plan}: judge a Terraform plan or an ARM/Bicep template before it is applied, with the rules that
 * judge the estate, joined with what exists ({@code --inventory} files or {@code --live}). A thin command over
 * {@link PlanCheck}; exit codes as {@code scan}.
 */
@Command(name = "plan", sortOptions = false,
        description = "Judge a Terraform plan or an ARM/Bicep template before it is applied: the chain rules of scan,"
                + " over what the change creates joined with what exists, plus what the change destroys.",
        customSynopsis = {"byokwatch plan (--terraform PLAN.json [--source DIR]",
                "                | --arm TEMPLATE.json [--parameters FILE] [--subscription ID] [--resource-group NAME])",
                "               [--inventory PATH | --live] [--policy FILE] [--now ISO-8601]",
                "               [--format table|json|sarif|markdown] [--output FILE]",
                "               [--fail-on critical|high|medium|low|none] [--unknown pass|fail]"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing at or above --fail-on, and no cluster unknown (unless --unknown pass)",
                "1:a finding at or above --fail-on, or a cluster whose verdict is unknown (unless --unknown pass)",
                "2:usage error or unreadable input (not a plan or template, a missing parameter, bad policy file)"})
final class PlanCommand implements Callable<Integer> {
    static final class Change {
        @Option(names = "--terraform", paramLabel = "PLAN.json",
                description = "terraform show -json output of a saved plan (terraform plan -out=plan.out).")
        String terraform;

        @Option(names = "--source", paramLabel = "DIR",
                description = "With --terraform: the root module's folder, to place each resource on its .tf file and line.")
        String source;

        @Option(names = "--arm", paramLabel = "TEMPLATE.json", description = "An ARM template, or az bicep build output.")
        String arm;

        @Option(names = "--parameters", paramLabel = "FILE",
                description = "With --arm: a deployment parameters file, or a plain object of parameter values.")
        String parameters;

        @Option(names = "--subscription", paramLabel = "ID",
                description = "With --arm: the subscription it deploys to (default: a stand-in, known at deployment).")
        String subscription;

        @Option(names = "--resource-group", paramLabel = "NAME",
                description = "With --arm: the resource group it deploys to (default: a stand-in, known at deployment).")
        String resourceGroup;
    }

    static final class Estate {
        @Option(names = "--inventory", paramLabel = "PATH",
                description = "What exists, as scan reads it: a JSON file or a folder of az, ARM or Resource Graph output.")
        String inventory;

        @Option(names = "--live", description = "Read what exists from ARM and Resource Graph (BYOKWATCH_SUBSCRIPTIONS or"
                + " BYOKWATCH_MANAGEMENT_GROUP, DefaultAzureCredential).")
        boolean live;

        @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: BYOK required everywhere).")
        String policy;

        @Option(names = "--now", paramLabel = "ISO-8601",
                description = "Judge expiry and exemptions as of this time (default: now).")
        String now;
    }

    @ArgGroup(validate = false, heading = "%nThe change (--terraform or --arm):%n", order = 1)
    Change change = new Change();

    @ArgGroup(validate = false, heading = "%nWhat exists:%n", order = 2)
    Estate estate = new Estate();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 3)
    ScanCommand.Output output = new ScanCommand.Output();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    PlanCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
        this.env = cli.env();
    }

    @Override
    public Integer call() {
        checkCombination();
        String format = Flags.choice("--format", output.format, ScanCommand.FORMATS);
        String failOn = Flags.choice("--fail-on", output.failOn, ScanCommand.LEVELS);
        Severity failOnSeverity = failOn.equals("none") ? null : Severity.parse(failOn);
        VerdictGate.Unknown unknown = output.unknown != null
                ? VerdictGate.Unknown.parse(Flags.choice("--unknown", output.unknown, List.of("pass", "fail")))
                : VerdictGate.defaultUnknown(failOnSeverity);
        Instant now = estate.now != null ? Times.parse("now", estate.now) : Instant.now();
        RuleCatalog catalog = RuleCatalog.standard();
        PlanRules planRules = PlanRules.standard();
        Policy policy = estate.policy != null
                ? new PolicyLoader(PlanRules.withCatalog(catalog)).load(Path.of(estate.policy)) : Policy.DEFAULT;
        List<String> inventoryNotes = new ArrayList<>();
        Inventory base = base(inventoryNotes);
        PlannedEstate planned;
        try {
            planned = change.terraform != null
                    ? TerraformPlans.read(Path.of(change.terraform), base, change.source == null ? null : Path.of(change.source))
                    : ArmTemplates.read(Path.of(change.arm), change.parameters == null ? null : Path.of(change.parameters),
                    base, change.subscription, change.resourceGroup);
        } catch (PlanFormatException e) {
            throw new InputException(e.getMessage());
        }
        PlanReport report = new PlanCheck(catalog, planRules, Clock.fixed(now, ZoneOffset.UTC)).run(planned, policy, inventoryNotes);
        if (!format.equals("table")) {
            report.notes().forEach(n -> err.println("plan: " + n));
        }
        OutputFile.write(output.output, PlanFormats.renderer(ReportFormat.parse(format), catalog, planRules).render(report),
                out, err);
        List<String> reasons = gate(report, failOnSeverity, unknown);
        reasons.forEach(r -> err.println("byokwatch: failing: " + r));
        return reasons.isEmpty() ? VerdictGate.PASS : VerdictGate.FAIL;
    }

    /**
     * The scan gate over the clusters the change reaches, and the findings that belong to no cluster. A change that
     * reaches no cluster is not an export gone wrong, as it is for scan: it passes unless such a finding fails it.
     */
    private static List<String> gate(PlanReport report, Severity failOn, VerdictGate.Unknown unknown) {
        List<String> reasons = new ArrayList<>();
        if (!report.scan().clusters().isEmpty()) {
            reasons.addAll(new VerdictGate(failOn, unknown).decide(report.scan()).reasons());
        }
        long unattached = report.unattached().stream().filter(f -> failOn != null && f.finding().severity().atLeast(failOn)).count();
        if (unattached > 0) {
            reasons.add(unattached + " finding" + (unattached == 1 ? "" : "s") + " at or above " + failOn.label()
                    + " on resources the plan ties to no cluster");
        }
        return reasons;
    }

    private void checkCombination() {
        if ((change.terraform == null) == (change.arm == null)) {
            throw new UsageException("'plan' needs one of --terraform PLAN.json (terraform show -json plan.out > PLAN.json)"
                    + " or --arm TEMPLATE.json (az bicep build --file main.bicep)");
        }
        if (change.terraform != null) {
            if (change.parameters != null || change.subscription != null || change.resourceGroup != null) {
                throw new UsageException("--parameters, --subscription and --resource-group go with --arm; a Terraform plan"
                        + " carries its own values");
            }
        } else if (change.source != null) {
            throw new UsageException("--source goes with --terraform; template resources are placed on their lines in the template");
        }
        if (change.subscription != null && !change.subscription.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
            throw new UsageException("--subscription must be a subscription id, e.g. 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
        }
        if (estate.live && estate.inventory != null) {
            throw new UsageException("give --inventory PATH or --live, not both");
        }
    }

    /** Files as scan reads them (problems to stderr), the live estate, or nothing but the plan. */
    private Inventory base(List<String> notes) {
        if (estate.live) {
            try {
                return PlanBases.live(env);
            } catch (SettingsException e) {
                throw new InputException("--live: " + e.getMessage());
            }
        }
        if (estate.inventory == null) {
            return null;
        }
        Path path = Path.of(estate.inventory);
        if (!Files.exists(path)) {
            throw new InputException("inventory path " + path + " does not exist; point --inventory at a JSON file or a folder of them");
        }
        FileInventory.Loaded loaded = FileInventory.load(path);
        loaded.problems().forEach(p -> err.println("warning: " + p));
        loaded.notes().forEach(n -> notes.add("inventory: " + n));
        return loaded.inventory();
    }
}
