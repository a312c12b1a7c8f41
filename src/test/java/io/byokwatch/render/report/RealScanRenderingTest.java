package io.byokwatch.render.report;

import io.byokwatch.render.SampleEstate;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.policy.Exemption;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.byokwatch.render.SampleEstate.NOW;
import static io.byokwatch.render.SampleEstate.PAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders what the real rules say about a small in-memory estate, so that every renderer is held to its promises
 * with real messages, remediation and evidence (nested lookups, lists, dates), not just hand-written findings.
 */
public class RealScanRenderingTest {
    private static final RuleCatalog CATALOG = RuleCatalog.standard();
    private static final ResourceId VAULT = SampleEstate.id(PAY, "rg-keys", "Microsoft.KeyVault/vaults/kv-shared");
    private static final KeyRef KEY = KeyRef.parse("https://kv-shared.vault.azure.net/keys/aks-disk/0123456789abcdef");
    private static final ResourceId SHARED_SET = SampleEstate.id(PAY, "rg-pay", "Microsoft.Compute/diskEncryptionSets/des-shared");
    private static final ResourceId GONE_SET = SampleEstate.id(PAY, "rg-pay", "Microsoft.Compute/diskEncryptionSets/des-gone");
    private static final ResourceId UNREAD_SET = SampleEstate.id(PAY, "rg-ops", "Microsoft.Compute/diskEncryptionSets/des-ops");
    private static final String PRINCIPAL = "9a8b7c6d-1111-4222-8333-944455566677";
    private static final KeyRef ETCD_KEY = KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd");

    private final ScanReport report = new Scan(new ClusterEvaluator(CATALOG), Clock.fixed(NOW, ZoneOffset.UTC))
            .run(new EstateInMemory(), policy(), List.of());

    @Test
    void realScanCoversEveryStatusTheEstateWasBuiltFor() {
        Map<String, ClusterStatus> statuses = new java.util.TreeMap<>();
        report.clusters().forEach(v -> statuses.put(v.name(), v.status()));
        assertEquals(Map.of("aks-a", ClusterStatus.NONCOMPLIANT, "aks-b", ClusterStatus.NONCOMPLIANT,
                "aks-c", ClusterStatus.NONCOMPLIANT, "aks-d", ClusterStatus.NONCOMPLIANT, "aks-e", ClusterStatus.UNKNOWN),
                statuses);
        assertTrue(report.findings().stream().anyMatch(s -> s.clusterIds().size() == 2), "the shared vault is one finding");
    }

    @Test
    void jsonOfARealScanSatisfiesTheContract() {
        assertEquals(List.of(), SchemaCheck.load(JsonReportRenderer.SCHEMA_RESOURCE)
                .problems(new JsonReportRenderer().render(report)));
    }

    @Test
    void sarifOfARealScanValidatesAndHasOneResultPerFinding() {
        String sarif = new SarifRenderer(CATALOG, "0.1.0").render(report);
        assertEquals(List.of(), SchemaCheck.load("schema/sarif-2.1.0.json").problems(sarif));
        assertEquals(report.findings().size(), Pattern.compile("\"partialFingerprints\"").matcher(sarif).results().count());
    }

    @Test
    void tableOfARealScanFitsOneHundredColumns() {
        new TableRenderer().render(report).lines().forEach(l -> assertTrue(l.length() <= 100, l.length() + ": " + l));
    }

    @Test
    void markdownOfARealScanHasABashBlockPerFinding() {
        String md = new MarkdownRenderer().render(report);
        assertEquals(report.findings().size(), md.lines().filter("```bash"::equals).count());
        md.lines().filter(l -> l.startsWith("| ")).forEach(l -> assertTrue(l.endsWith(" |"), l));
    }

    private static Policy policy() {
        Exemption hostEncryption = new Exemption(SampleEstate.cluster(PAY, "rg-pay", "aks-a"), Set.of("aks-no-host-encryption"),
                "spot pool is replaced next sprint", LocalDate.parse("2027-01-31"), "platform-team");
        return new Policy(true, List.of(), List.of(hostEncryption), 30, false, Set.of(), Map.of());
    }

    /** Five clusters: no BYOK, two sharing a weak vault, one whose set is gone, one whose set was not exported. */
    private static final class EstateInMemory implements Inventory {
        private final List<ManagedCluster> clusters = List.of(
                cluster("aks-a", null, false),
                cluster("aks-b", SHARED_SET, true),
                cluster("aks-c", SHARED_SET, true),
                cluster("aks-d", GONE_SET, true),
                cluster("aks-e", UNREAD_SET, true));

        /**
         * Hardened clusters have host encryption and KMS (a versionless key in a sound vault of its own) on, so that only
         * their disk chain decides their status.
         */
        private static ManagedCluster cluster(String name, ResourceId set, boolean hardened) {
            ResourceId id = SampleEstate.cluster(PAY, "rg-pay", name);
            AgentPool pool = new AgentPool(id.child("agentPools", "system"), "system", hardened ? Boolean.TRUE : null,
                    "Managed", "System", 3, "Standard_D4s_v5");
            KmsProfile kms = hardened ? new KmsProfile(true, ETCD_KEY, null, null, "Enabled") : KmsProfile.NONE;
            return new ManagedCluster(id, name, "westeurope", Tags.NONE, set, kms, List.of(pool), "Succeeded");
        }

        @Override
        public List<ManagedCluster> clusters() {
            return clusters;
        }

        @Override
        public Lookup<ManagedCluster> cluster(ResourceId id) {
            return clusters.stream().filter(c -> c.id().equals(id)).findFirst().map(Lookup::found)
                    .orElse(Lookup.absent("not in the export"));
        }

        @Override
        public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
            if (id.equals(SHARED_SET)) {
                return Lookup.found(new DiskEncryptionSet(SHARED_SET, "des-shared", "westeurope", "EncryptionAtRestWithCustomerKey",
                        KEY, VAULT, false, null, null, null,
                        new ManagedIdentity("SystemAssigned", PRINCIPAL, "tenant", Map.of()), null, "Succeeded"));
            }
            if (id.equals(GONE_SET)) {
                return Lookup.absent("the export of subscription " + PAY + " lists other disk encryption sets but not this one");
            }
            return Lookup.unknown("disk encryption set " + id.name() + " is not in the inventory; add az disk-encryption-set"
                    + " show --ids " + id + " output");
        }

        @Override
        public Lookup<KeyVault> vaultByHost(String host) {
            if (host.equals(ETCD_KEY.vaultHost())) {
                return Lookup.found(new KeyVault(ResourceId.parse(VAULT.toString().replace("kv-shared", "kv-etcd")), "kv-etcd", host, false, true, true, 90,
                        false, List.of(), "premium", "Enabled", "tenant", true,
                        io.byokwatch.domain.VaultNetwork.of("Enabled", null, List.of())));
            }
            return Lookup.found(new KeyVault(VAULT, "kv-shared", "kv-shared.vault.azure.net", false, true, null, 7, false,
                    List.of(new AccessPolicy("tenant", PRINCIPAL, null, Set.of("Get", "WrapKey", "UnwrapKey"))),
                    "standard", "Enabled", "tenant"));
        }

        @Override
        public Lookup<VaultKey> key(KeyRef ref) {
            if (ref.sameKey(ETCD_KEY)) {
                return Lookup.found(new VaultKey(null, ETCD_KEY, "0a1b2c3d", true, null, null, "RSA-HSM", 3072, "Recoverable",
                        null, true, null));
            }
            return Lookup.found(new VaultKey(VAULT.child("keys", "aks-disk"), KEY.versionless(), "0123456789abcdef", true,
                    NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(5)), "RSA", 2048, "Recoverable", null, true,
                    null));
        }

        @Override
        public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
            return Lookup.found(List.of());
        }

        @Override
        public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
            return List.of();
        }

        @Override
        public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
            return List.of();
        }

        @Override
        public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
            return List.of();
        }
    }
}
