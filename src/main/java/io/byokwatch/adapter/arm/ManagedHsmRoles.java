package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpClient;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.port.Lookup;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A Managed HSM's local role assignments, which only its own data plane serves ({@code GET
 * https://<hsm>/providers/Microsoft.Authorization/roleAssignments}, every page): ARM does not expose them. Reading them
 * needs a local role on the HSM that allows {@code Microsoft.KeyVault/managedHsm/roleAssignments/read/action}; the
 * least built-in one is Managed HSM Crypto Auditor, and a custom local role with only that data action is smaller
 * still. Answers are cached like ARM reads; a 403 is unknown, naming that role.
 */
final class ManagedHsmRoles {
    static final String LEAST_ROLE = "Managed HSM Crypto Auditor";

    private final ArmSettings settings;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReadBudget budget;
    private final ReadStats stats;
    private final ReadCache cache;
    private final Function<String, String> baseUrl;
    private final Map<String, ArmTransport> transports = new ConcurrentHashMap<>();

    /** @param baseUrl the data-plane base URL for an HSM host: {@code https://<host>} in Azure, a fake in tests */
    ManagedHsmRoles(ArmSettings settings, HttpClient httpClient, Clock clock, Sleeper sleeper, ReadBudget budget,
                    ReadStats stats, ReadCache cache, Function<String, String> baseUrl) {
        this.settings = settings;
        this.httpClient = httpClient;
        this.clock = clock;
        this.sleeper = sleeper;
        this.budget = budget;
        this.stats = stats;
        this.cache = cache;
        this.baseUrl = baseUrl;
    }

    Lookup<List<RoleAssignment>> assignments(KeyVault hsm) {
        String key = "hsm-roles " + hsm.id().key();
        Lookup<List<RoleAssignment>> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        if (hsm.host() == null || !hsm.host().endsWith(hsmSuffix())) {
            return Lookup.unknown("Managed HSM " + hsm.name() + " names no data-plane host of " + settings.cloud()
                    + " (" + hsm.host() + "), so its local role assignments were not read");
        }
        String doing = "listing the local role assignments of Managed HSM " + hsm.name();
        ArmTransport transport = transports.computeIfAbsent(hsm.host(), h -> ArmTransport.dataPlane(baseUrl.apply(h),
                "https://" + hsmSuffix().substring(1) + "/.default", settings, httpClient, clock, sleeper, budget, stats));
        java.time.Instant sent = clock.instant();
        ArmPages.Result<RoleAssignment> pages = ArmPages.readAll(transport, transport.get(
                "/providers/Microsoft.Authorization/roleAssignments?api-version=" + ApiVersions.MANAGED_HSM_DATA_PLANE),
                o -> ArmMapper.managedHsmRoleAssignment(o, hsm.id()));
        if (pages.refused() != null) {
            return notRead(pages.refused(), hsm, doing);
        }
        if (pages.unreadable()) {
            stats.unreadable("Managed HSM role assignment of " + hsm.name() + ": " + pages.problem());
            return Lookup.unknown("Managed HSM " + hsm.name() + " returned a role assignment byokwatch cannot read " + doing
                    + ": " + pages.problem());
        }
        if (pages.problem() != null) {
            return Lookup.unavailable("Managed HSM " + hsm.name() + " answered without a value array " + doing);
        }
        List<RoleAssignment> all = pages.items();
        Lookup<List<RoleAssignment>> answer = Lookup.found(all);
        cache.put(key, answer, sent);
        return answer;
    }

    private Lookup<List<RoleAssignment>> notRead(ArmResponse response, KeyVault hsm, String doing) {
        return switch (response.status()) {
            case 401, 403 -> Lookup.unknown(response.status() + " " + (response.status() == 401 ? "Unauthorized" : "Forbidden")
                    + " " + doing + ": ARM does not expose an HSM's local RBAC, and byokwatch's identity needs a local"
                    + " role that may read it; grant the least one, " + LEAST_ROLE + " (or a custom local role with only"
                    + " Microsoft.KeyVault/managedHsm/roleAssignments/read/action): `az keyvault role assignment create"
                    + " --hsm-name " + Bash.q(hsm.name()) + " --role \"" + LEAST_ROLE + "\" --assignee-object-id"
                    + " BYOKWATCH-PRINCIPAL-ID --scope /`");
            case 0 -> Lookup.unavailable(response.failure() + "; " + doing + " was not attempted or did not finish");
            default -> response.status() == 408 || response.status() == 429 || response.status() >= 500
                    ? Lookup.unavailable("Managed HSM " + hsm.name() + " returned " + response.describe() + " " + doing)
                    : Lookup.unknown("Managed HSM " + hsm.name() + " returned " + response.describe() + " " + doing);
        };
    }

    private String hsmSuffix() {
        String s = settings.cloud().environment().getManagedHsmDnsSuffix();
        s = s == null || s.isBlank() ? "managedhsm.azure.net" : s.trim().toLowerCase(Locale.ROOT);
        return s.startsWith(".") ? s : "." + s;
    }
}
