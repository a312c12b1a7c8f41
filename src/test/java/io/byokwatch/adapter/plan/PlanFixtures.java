package io.byokwatch.adapter.plan;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.PlanCheck;
import io.byokwatch.app.PlanReport;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.PlannedEstate;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The plan and template fixtures under {@code src/test/resources/plan}, and a judge over them on a fixed clock.
 * Terraform plans follow the documented {@code terraform show -json} format 1.2 (developer.hashicorp.com/terraform/
 * internals/json-format); their configurations are after the azurerm acceptance-test configs named in each test.
 */
public final class PlanFixtures {
    public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    public static final Path TERRAFORM = Path.of("src/test/resources/plan/terraform");
    public static final Path ARM = Path.of("src/test/resources/plan/arm");
    public static final Path SHARED_KEYS = Path.of("src/test/resources/plan/inventory/shared-keys");
    public static final String SUB = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";

    private PlanFixtures() {
    }

    public static PlannedEstate terraform(String file) {
        return TerraformPlans.read(TERRAFORM.resolve(file), null, null);
    }

    public static PlannedEstate terraform(String file, Inventory base) {
        return TerraformPlans.read(TERRAFORM.resolve(file), base, null);
    }

    public static Inventory sharedKeys() {
        return SnapshotInventory.load(SHARED_KEYS);
    }

    public static PlanReport judge(PlannedEstate estate) {
        return judge(estate, Policy.DEFAULT);
    }

    public static PlanReport judge(PlannedEstate estate, Policy policy) {
        return new PlanCheck(RuleCatalog.standard(), PlanRules.standard(), Clock.fixed(NOW, ZoneOffset.UTC)).run(estate, policy);
    }

    public static ClusterVerdict verdict(PlanReport report, String clusterName) {
        return report.scan().clusters().stream().filter(v -> v.name().equals(clusterName)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + clusterName + " in "
                        + report.scan().clusters().stream().map(ClusterVerdict::name).toList()));
    }

    public static List<String> ruleIds(ClusterVerdict v) {
        return v.findings().stream().map(f -> f.ruleId() + "@" + f.resourceId().name()).sorted().toList();
    }

    public static Finding finding(ClusterVerdict v, String ruleId) {
        return v.findings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ruleId + " in " + ruleIds(v)));
    }

    public static PlannedResource resource(PlannedEstate estate, String address) {
        return estate.resources().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + address + " in " + estate.resources().stream()
                        .map(PlannedResource::address).toList()));
    }
}
