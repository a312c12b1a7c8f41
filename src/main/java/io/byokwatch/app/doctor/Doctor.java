package io.byokwatch.app.doctor;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.AuditRowCounts;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.port.StateProbe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code byokwatch doctor}: did the deployment work? Checks, as byokwatch's identity sees Azure, that it can read what
 * it watches, that the changes it must hear about reach its functions, that the key vaults' audit logs reach the
 * workspace it reads, that its state storage answers and that every notification channel can be used. Each check
 * passes, fails, or is unknown with what to grant: a check that could not be made is never a pass.
 */
public final class Doctor {
    private final DeploymentReads reads;
    private final Inventory inventory;
    private final AuditRowCounts auditRows;
    private final StateProbe state;
    private final Clock clock;

    /** @param auditRows null when no workspace is configured */
    public Doctor(DeploymentReads reads, Inventory inventory, AuditRowCounts auditRows, StateProbe state, Clock clock) {
        this.reads = reads;
        this.inventory = inventory;
        this.auditRows = auditRows;
        this.state = state;
        this.clock = clock;
    }

    public DoctorReport run(DoctorConfig config) {
        Grants grants = new Grants(config.assignee());
        List<DoctorCheck> checks = new ArrayList<>();
        Set<String> subscriptions = new LinkedHashSet<>();
        config.subscriptions().forEach(s -> subscriptions.add(s.toLowerCase(Locale.ROOT)));
        checks.addAll(scope(config, grants, subscriptions));

        Set<String> readChecked = new LinkedHashSet<>();
        for (String s : config.subscriptions()) {
            checks.add(subscriptionRead(s.toLowerCase(Locale.ROOT), grants, "watched"));
            readChecked.add(s.toLowerCase(Locale.ROOT));
        }

        KeyVaultsInUse.Found vaults = KeyVaultsInUse.find(inventory);
        List<ResourceId> vaultIds = new ArrayList<>();
        if (vaults.failure() != null) {
            checks.add(DoctorCheck.unknown("vault-read", "key vaults", "Could not list the watched clusters to find the"
                    + " vaults holding their keys: " + vaults.failure() + ".", "Give byokwatch's identity Reader on the"
                    + " watched subscriptions or management group, then run byokwatch doctor again."));
        }
        for (KeyVaultsInUse.Unseen unseen : vaults.unseen()) {
            String listIt = "List the vault in byokVaultIds of infra/main.bicep, which grants Reader on its subscription,"
                    + " or grant it yourself";
            checks.add(DoctorCheck.unknown("vault-read", unseen.vault() == null ? "key vaults" : unseen.vault().toString(),
                    "Could not follow " + unseen.what() + ".", unseen.vault() == null
                            ? listIt + " on the subscription that holds the vault."
                            : listIt + ":\n" + grants.role("Reader", "/subscriptions/" + unseen.vault().subscriptionId())));
            if (unseen.vault() != null && readChecked.add(unseen.vault().subscriptionId().toLowerCase(Locale.ROOT))) {
                checks.add(subscriptionRead(unseen.vault().subscriptionId().toLowerCase(Locale.ROOT), grants,
                        "holds vault " + unseen.vault().name()));
            }
        }
        for (KeyVaultsInUse.VaultUse use : vaults.vaults()) {
            ResourceId id = use.vault().id();
            vaultIds.add(id);
            checks.add(DoctorCheck.pass("vault-read", id.toString(), "Read vault " + use.vault().name() + ", which holds "
                    + String.join(" and ", use.purposes().stream().map(p -> p.equals("kms") ? "a KMS (etcd) key" : "a disk key")
                    .toList()) + "."));
            String sub = id.subscriptionId().toLowerCase(Locale.ROOT);
            if (readChecked.add(sub)) {
                checks.add(subscriptionRead(sub, grants, "holds vault " + use.vault().name()));
            }
        }

        EventRoutingChecks routing = new EventRoutingChecks(reads, config.functionApp(), grants, clock.instant());
        Set<String> eventScopes = new LinkedHashSet<>(subscriptions);
        vaultIds.forEach(v -> eventScopes.add(v.subscriptionId().toLowerCase(Locale.ROOT)));
        for (String s : eventScopes) {
            checks.add(routing.subscription(s, subscriptionRemedy(config, s, subscriptions)));
        }
        for (ResourceId v : vaultIds) {
            checks.add(routing.vault(v, "Deploy infra/main.bicep with this vault in byokVaultIds and"
                    + " deployEventSubscriptions=true (infra/README.md); a vault that already has a Key Vault system topic"
                    + " is named in existingSystemTopics so only the event subscription is added."));
        }
        checks.addAll(FunctionChecks.check(reads, config.functionApp()));

        AuditLogChecks audit = new AuditLogChecks(reads, auditRows, config.workspaceCustomerId(), grants);
        for (ResourceId v : vaultIds) {
            checks.add(audit.setting(v));
        }
        checks.addAll(audit.rows(vaultIds));

        for (StateProbe.Store store : state.probe()) {
            checks.add(store.reachable() == null ? DoctorCheck.unknown("state-storage", store.name(), store.detail(), store.fix())
                    : store.reachable() ? DoctorCheck.pass("state-storage", store.name(), store.detail())
                    : DoctorCheck.fail("state-storage", store.name(), store.detail(), store.fix()));
        }
        checks.addAll(ChannelChecks.check(config.notifyConfig(), config.notifyBaseDir(), config.settings()));

        return new DoctorReport(clock.instant(), config.identity(),
                new DoctorReport.Scope(List.copyOf(subscriptions), config.managementGroup()), checks);
    }

    private List<DoctorCheck> scope(DoctorConfig config, Grants grants, Set<String> subscriptions) {
        List<DoctorCheck> out = new ArrayList<>();
        if (config.subscriptions().isEmpty() && config.managementGroup() == null) {
            out.add(DoctorCheck.fail("scope", "scope", "No subscription or management group is configured, so byokwatch"
                    + " watches nothing.", "Set BYOKWATCH_SUBSCRIPTIONS or BYOKWATCH_MANAGEMENT_GROUP (infra/main.bicep sets"
                    + " them from watchedSubscriptionIds and managementGroupId), or pass --subscription or"
                    + " --management-group to byokwatch doctor."));
            return out;
        }
        if (config.managementGroup() != null) {
            String mg = config.managementGroup();
            String mgScope = "/providers/Microsoft.Management/managementGroups/" + mg;
            Lookup<List<String>> listed = reads.managementGroupSubscriptions(mg);
            if (listed instanceof Lookup.Found<List<String>> found && !found.value().isEmpty()) {
                subscriptions.addAll(found.value());
                out.add(DoctorCheck.pass("scope", mg, "Management group " + mg + " holds " + found.value().size()
                        + " subscription(s) byokwatch's identity can read."));
            } else if (listed instanceof Lookup.Found<List<String>>) {
                out.add(DoctorCheck.fail("scope", mg, "Resource Graph lists no subscription under management group " + mg
                        + ": it holds none, or byokwatch's identity lacks Reader on it (Resource Graph shows only what the"
                        + " identity can read).", "Deploy infra/management-group.bicep at the group, or\n"
                        + grants.role("Reader", mgScope)));
            } else {
                out.add(DoctorCheck.unknown("scope", mg, "Could not list the subscriptions of management group " + mg + ": "
                        + EventRoutingChecks.reason(listed) + ".", grants.role("Reader", mgScope)));
            }
        }
        if (!config.subscriptions().isEmpty()) {
            out.add(DoctorCheck.pass("scope", "subscriptions", config.subscriptions().size() + " subscription(s) watched by id."));
        }
        return out;
    }

    private DoctorCheck subscriptionRead(String subscription, Grants grants, String why) {
        DeploymentReads.Access access = reads.subscriptionAccess(subscription);
        String fix = grants.role("Reader", "/subscriptions/" + subscription);
        return switch (access.outcome()) {
            case READABLE -> DoctorCheck.pass("subscription-read", subscription, "byokwatch's identity can read subscription "
                    + subscription + " (" + why + ").");
            case DENIED -> DoctorCheck.fail("subscription-read", subscription, "byokwatch's identity cannot read subscription "
                    + subscription + " (" + why + "): " + access.detail() + ".", fix);
            case UNKNOWN -> DoctorCheck.unknown("subscription-read", subscription, "Could not tell whether byokwatch's identity"
                    + " can read subscription " + subscription + ": " + access.detail() + ".", fix + "\n(or run byokwatch"
                    + " doctor again if Azure was unavailable)");
            case NO_CREDENTIALS -> DoctorCheck.unknown("subscription-read", subscription, "No Azure credentials to read"
                    + " subscription " + subscription + " with: " + access.detail() + ".", "Sign in first (az login), or"
                    + " run the checks in the app, as its managed identity: GET /api/doctor with the function key.");
        };
    }

    private static String subscriptionRemedy(DoctorConfig config, String subscription, Set<String> watched) {
        String perSubscription = "Deploy infra/main.bicep with deployEventSubscriptions=true and this subscription in"
                + " watchedSubscriptionIds (infra/README.md); if the subscription already has a Microsoft.Resources.Subscriptions"
                + " system topic, name it in existingSystemTopics so only the event subscription is added.";
        if (config.managementGroup() != null && watched.contains(subscription) && !config.subscriptions().contains(subscription)) {
            return "The byokwatch onboarding policy (infra/management-group.bicep) creates it; for a subscription that"
                    + " existed before the assignment, start a remediation:\n" + Shell.command("az", "policy",
                    "remediation", "create", "--name", "byokwatch-onboarding", "--management-group", config.managementGroup(),
                    "--policy-assignment", "/providers/Microsoft.Management/managementGroups/" + config.managementGroup()
                            + "/providers/Microsoft.Authorization/policyAssignments/byokwatch-onboarding",
                    "--definition-reference-id", "newTopic", "--resource-discovery-mode", "ReEvaluateCompliance");
        }
        return perSubscription;
    }
}
