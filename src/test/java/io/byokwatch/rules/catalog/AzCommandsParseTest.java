package io.byokwatch.rules.catalog;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.NetworkAcls;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.domain.VaultNetwork;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.OsDiskChain;
import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.RuleContext;
import io.byokwatch.rules.Fixtures;
import io.byokwatch.rules.KeyOperations;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.KeyUser;
import io.byokwatch.rules.OsDiskChain;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleContext;
import io.byokwatch.rules.RuleSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every {@code az} command byokwatch prints, in every rule's remediation (for the example estate, for the README
 * recipe's estate and for names Azure allows but bash reads as syntax) and in every "what to add" reason, is parsed by
 * the real az CLI's own argument parser ({@code /usr/bin/az}'s Python, azure-cli 2.45 from Debian, installed by
 * {@code scripts/ensure-test-tools}). Nothing runs: src/test/resources/azcli/parse_az_lines.py loads the command table
 * once and calls its argparse parser on each line. An unknown command or flag fails the build, unless it is listed in
 * {@link #NEWER_THAN_CLI} with the az version that introduced it. The same scripts are then run by bash itself, with
 * az and kubectl replaced by functions that record their arguments, to prove that hostile names stay one argument
 * each and that nothing in them runs.
 */
class AzCommandsParseTest {
    /** Flags or commands newer than the az CLI the build checks with, each with the version that introduced it. */
    static final Map<String, String> NEWER_THAN_CLI = Map.of(
            // KMS data encryption (preview) exists only in the aks-preview extension, from 19.0.0b13 (byok-facts §2.1)
            "--kms-infrastructure-encryption", "aks-preview 19.0.0b13");
    private static final Path AZ = Path.of("/usr/bin/az");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String SUB = "5d2f8a1c-3b4e-4f6a-8c9d-0e1f2a3b4c5d";
    private static final String PRINCIPAL = "3f2e1d0c-9b8a-4765-8432-10fedcba9876";
    /** Legal in Azure names (resource groups allow parentheses, tags and pool names carry anything), hostile to bash. */
    static final String HOSTILE_RG = "rg-app(prod)";
    static final String HOSTILE_NAME = "aks-x$(touch CANARY)'q";

    private static final List<String> texts = new ArrayList<>();
    private static final List<String> hostileScripts = new ArrayList<>();

    @BeforeAll
    static void collect() throws IOException {
        for (boolean hostile : new boolean[] {false, true}) {
            for (String text : ruleTexts(hostile)) {
                texts.add(text);
                if (hostile) {
                    hostileScripts.add(text);
                }
            }
        }
        texts.addAll(scanTexts(Path.of("examples/estate")));
        texts.addAll(scanTexts(Path.of("src/test/resources/recipe/estate")));
        Path stripped = Files.createTempDirectory("recipe-stripped");
        try (var files = Files.list(Path.of("src/test/resources/recipe/estate"))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().matches("role-definitions.json|hsm-card.*|key-versions.*|key\\.kv-pay\\.disk-key.json")) {
                    Files.copy(f, stripped.resolve(f.getFileName()));
                }
            }
        }
        Files.copy(Path.of("src/test/resources/recipe/variants/keyvault-key-list.json"), stripped.resolve("key-list.json"));
        texts.addAll(scanTexts(stripped));
    }

    @Test
    void everyPrintedAzCommand_parsesWithTheAzCliItself() throws Exception {
        Set<String> commands = new LinkedHashSet<>();
        texts.forEach(t -> commands.addAll(azCommands(t)));
        assertTrue(commands.size() > 60, "the collection found the commands: " + commands.size());
        assertTrue(commands.stream().anyMatch(c -> c.contains("rg-app(prod)")), "hostile names are among them");
        List<JsonObject> results = parse(commands);
        List<String> failures = new ArrayList<>();
        Set<String> allowancesUsed = new LinkedHashSet<>();
        for (JsonObject r : results) {
            if (r.get("status").getAsString().equals("ok")) {
                continue;
            }
            String allowed = NEWER_THAN_CLI.keySet().stream().filter(k -> r.get("line").getAsString().contains(k)).findFirst()
                    .orElse(null);
            if (allowed != null) {
                allowancesUsed.add(allowed);
                continue;
            }
            failures.add(r.get("status").getAsString() + ": " + r.get("message").getAsString() + "\n    " + r.get("line").getAsString());
        }
        assertEquals(List.of(), failures, "az commands the az CLI's parser rejects");
        assertEquals(NEWER_THAN_CLI.keySet(), allowancesUsed, "an allowance that nothing needs any more must go");
    }

    @Test
    void theParserCheckCanFail() throws Exception {
        List<JsonObject> r = parse(List.of("az keyvault create -g rg -n kv --enable-soft-delte true", "az keyvault frobnicate -n x"));
        assertEquals("error", r.get(0).get("status").getAsString());
        assertTrue(r.get(0).get("message").getAsString().contains("--enable-soft-delte"), r.get(0).toString());
        assertEquals("unknown-command", r.get(1).get("status").getAsString());
    }

    @Test
    void hostileNames_stayOneArgumentEach_andNothingInThemRuns(@TempDir Path tmp) throws Exception {
        assertFalse(hostileScripts.isEmpty());
        for (String script : hostileScripts) {
            String shell = shellOf(script);
            Path args = tmp.resolve("args");
            Files.deleteIfExists(args);
            String prelude = "cd " + tmp + "\naz() { printf '%s\\n' \"$@\" >> args; echo /subscriptions/x; }\n"
                    + "kubectl() { printf '%s\\n' \"$@\" >> args; }\n";
            Process p = new ProcessBuilder("bash", "-c", prelude + shell).directory(tmp.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out + "\n" + shell);
            assertFalse(Files.exists(tmp.resolve("CANARY")), "a name ran as a command:\n" + shell);
            List<String> words = Files.exists(args) ? Files.readAllLines(args) : List.of();
            if (shell.contains("rg-app")) {
                assertTrue(words.contains(HOSTILE_RG), "the group name reaches az as one argument:\n" + shell + "\n" + words);
            }
            if (shell.contains("touch CANARY")) {
                assertTrue(words.stream().anyMatch(w -> w.contains(HOSTILE_NAME)), "the name reaches az whole:\n" + shell + "\n" + words);
            }
        }
    }

    /** The az commands in a text: remediation lines, {@code $(az ...)} inside them, and {@code `az ...`} in reasons. */
    static List<String> azCommands(String text) {
        List<String> out = new ArrayList<>();
        Matcher backticked = Pattern.compile("`(az [^`]+)`").matcher(text);
        while (backticked.find()) {
            out.add(backticked.group(1));
        }
        for (String raw : shellOf(text).split("\n")) {
            String line = raw.strip();
            if (line.startsWith("az ")) {
                out.add(withoutSubstitutions(line));
            }
            boolean single = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (single) {
                    single = c != '\'';
                } else if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    single = true;
                } else if (line.startsWith("$(az ", i)) {
                    int end = closing(line, i + 1);
                    out.add(withoutSubstitutions(line.substring(i + 2, end)));
                    i = end;
                }
            }
        }
        return out;
    }

    /** The command lines of a remediation (indented, up to "Terraform:"), without trailing comments. */
    static String shellOf(String text) {
        StringBuilder sb = new StringBuilder();
        String hereDocEnd = null;
        for (String line : text.split("\n")) {
            if (hereDocEnd != null) {
                // a here-document's body and terminator start at the line's beginning, as bash reads them
                sb.append(line).append('\n');
                hereDocEnd = line.equals(hereDocEnd) ? null : hereDocEnd;
                continue;
            }
            if (line.startsWith("Terraform:")) {
                break;
            }
            if (line.startsWith("  ")) {
                String command = withoutComment(line.strip());
                sb.append(command).append('\n');
                Matcher hereDoc = Pattern.compile("<<'?([A-Z]+)'?$").matcher(command);
                hereDocEnd = hereDoc.find() ? hereDoc.group(1) : null;
            }
        }
        return sb.toString();
    }

    /** A top-level az line's own words; a nested {@code $(az ...)} is checked on its own, its value is a word here. */
    private static String withoutSubstitutions(String line) {
        StringBuilder sb = new StringBuilder();
        boolean single = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (single) {
                single = c != '\'';
                sb.append(c);
            } else if (c == '\\' && i + 1 < line.length()) {
                sb.append(c).append(line.charAt(++i));
            } else if (c == '\'') {
                single = true;
                sb.append(c);
            } else if (line.startsWith("$(", i)) {
                i = closing(line, i + 1);
                sb.append("SUBSTITUTED");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The index of the ')' closing the '(' at {@code open}, reading bash quoting: '...', "..." and backslashes. */
    private static int closing(String line, int open) {
        int depth = 0;
        boolean single = false;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (single) {
                single = c != '\'';
            } else if (c == '\\') {
                i++;
            } else if (c == '\'') {
                single = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced $( in " + line);
    }

    private static String withoutComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (single) {
                single = c != '\'';
            } else if (c == '\\') {
                i++;
            } else if (c == '\'' && !dbl) {
                single = true;
            } else if (c == '"') {
                dbl = !dbl;
            } else if (c == '#' && !dbl && i > 0 && line.charAt(i - 1) == ' ') {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    private static List<JsonObject> parse(java.util.Collection<String> commands) throws Exception {
        assertTrue(Files.isExecutable(AZ), "azure-cli is installed by scripts/ensure-test-tools (mvn verify runs it)");
        String interpreter = Files.readAllLines(AZ).get(0).replaceFirst("^#!\\s*", "").strip();
        Path errors = Files.createTempFile("az-parse", ".err");
        Process p = new ProcessBuilder(interpreter, Path.of("src/test/resources/azcli/parse_az_lines.py").toString())
                .redirectError(errors.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        List<JsonObject> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                results.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        String err = Files.readString(errors);
        Files.delete(errors);
        assertEquals(commands.size(), results.size(), "one answer per command: " + out + "\n"
                + err.substring(Math.max(0, err.length() - 3000)));
        return results;
    }

    /** Remediations and reasons of every rule on chains built to fail it, with plain or hostile names. */
    private static List<String> ruleTexts(boolean hostile) {
        String rg = hostile ? HOSTILE_RG : "rg-pay";
        String name = hostile ? HOSTILE_NAME : "aks-pay";
        ResourceId clusterId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg.replace(" ", "")
                + "/providers/Microsoft.ContainerService/managedClusters/" + name.replace(" ", ""));
        ResourceId setId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg
                + "/providers/Microsoft.Compute/diskEncryptionSets/" + name.replace(" ", "") + "-des");
        ResourceId vaultId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg + "/providers/Microsoft.KeyVault/vaults/kv-pay");
        ResourceId hsmId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg + "/providers/Microsoft.KeyVault/managedHSMs/hsm-pay");
        KeyRef key = KeyRef.parse("https://kv-pay.vault.azure.net/keys/disk-key/0123456789abcdef");
        KeyRef hsmKey = KeyRef.parse("https://hsm-pay.managedhsm.azure.net/keys/disk-key/0123456789abcdef");
        List<AgentPool> pools = List.of(new AgentPool(clusterId.child("agentPools", "np1"), hostile ? "np'1" : "np1", false,
                "Managed", "User", 3, "Standard_D4ds_v5", "Linux"), new AgentPool(clusterId.child("agentPools", "win1"), "win1",
                null, "Managed", "User", 2, "Standard_D4ds_v5", "Windows"));
        ManagedCluster plain = new ManagedCluster(clusterId, name, "westeurope", Tags.NONE, null, KmsProfile.NONE, pools, "Succeeded");
        ManagedCluster withSet = new ManagedCluster(clusterId, name, "westeurope", Tags.NONE, setId, KmsProfile.NONE, pools, "Succeeded");
        ManagedIdentity identity = new ManagedIdentity("SystemAssigned", PRINCIPAL, "t", Map.of());
        DiskEncryptionSet set = new DiskEncryptionSet(setId, setId.name(), "westeurope", "EncryptionAtRestWithCustomerKey", key,
                vaultId, false, null, "ManagedServiceIdentityNotFound", "lost", identity, null, "Succeeded");
        DiskEncryptionSet noIdentity = new DiskEncryptionSet(setId, setId.name(), "westeurope", null, key, vaultId, false, null,
                null, null, ManagedIdentity.NONE, null, null);
        DiskEncryptionSet hsmSet = new DiskEncryptionSet(setId, setId.name(), "westeurope", null, hsmKey, null, false, null,
                null, null, identity, null, null);
        KeyVault policyVault = new KeyVault(vaultId, "kv-pay", "kv-pay.vault.azure.net", false, true, null, 90, false,
                List.of(new AccessPolicy("t", "someone-else", null, Set.of("get"))), "standard", "Enabled", "t");
        KeyVault rbacVault = new KeyVault(vaultId, "kv-pay", "kv-pay.vault.azure.net", false, true, null, 90, true, List.of(),
                "premium", "Enabled", "t");
        KeyVault hsm = new KeyVault(hsmId, "hsm-pay", "hsm-pay.managedhsm.azure.net", true, true, null, 90, null, List.of(),
                null, "Enabled", "t");
        VaultKey softKey = new VaultKey(vaultId.child("keys", "disk-key"), key.versionless(), "0123456789abcdef", false, null,
                NOW.plus(3, ChronoUnit.DAYS), "RSA", 2048, null, new RotationPolicy(List.of(), null), true, null);
        VaultKey onHsm = new VaultKey(hsmId.child("keys", "disk-key"), hsmKey.versionless(), "0123456789abcdef", false, null,
                NOW.plus(3, ChronoUnit.DAYS), "RSA-HSM", 2048, null, null, false, null);
        RuleSettings strict = new RuleSettings(30, true);
        List<OsDiskChain> chains = List.of(
                new OsDiskChain(plain, null, null, null, null, NOW, strict),
                new OsDiskChain(withSet, Lookup.absent("gone"), null, null, null, NOW, strict),
                new OsDiskChain(withSet, Lookup.found(set), Lookup.found(policyVault), Lookup.found(softKey), null, NOW, strict),
                new OsDiskChain(withSet, Lookup.found(noIdentity), Lookup.found(policyVault), Lookup.found(softKey), null, NOW, strict),
                new OsDiskChain(withSet, Lookup.found(set), Lookup.found(rbacVault), Lookup.found(softKey),
                        Lookup.found(List.of(new RoleAssignment("/ra", "group-1", "Group", "e147488a-f6f5-4113-8e2d-b22465e65bf6",
                                null, vaultId))), NOW, strict),
                new OsDiskChain(withSet, Lookup.found(set), Lookup.found(rbacVault), Lookup.found(softKey), Lookup.found(List.of()), NOW, strict),
                new OsDiskChain(withSet, Lookup.found(set), Lookup.absent("404"), Lookup.absent("404"), null, NOW, strict),
                new OsDiskChain(withSet, Lookup.found(hsmSet), Lookup.found(hsm), Lookup.found(onHsm), Lookup.found(List.of()), NOW, strict),
                new OsDiskChain(withSet, Lookup.found(hsmSet), Lookup.found(hsm), Lookup.found(onHsm),
                        Lookup.unknown("not exported"), NOW, strict),
                new OsDiskChain(withSet, Lookup.found(set), Lookup.found(policyVault), Lookup.found(new VaultKey(softKey.id(), softKey.ref(),
                        softKey.currentVersion(), true, null, null, null, null, null, null, false, null)), null, NOW, strict));
        List<String> out = new ArrayList<>();
        out.addAll(volumeTexts(hostile, withSet, rg, name, strict));
        for (OsDiskChain chain : chains) {
            for (Rule rule : RuleCatalog.standard().all()) {
                Outcome o = Fixtures.run(rule, chain);
                o.failures().forEach(f -> out.add(f.remediation()));
                o.missing().forEach(m -> out.add(m.reason()));
            }
        }
        out.addAll(kmsTexts(clusterId, name, pools, vaultId));
        return out;
    }

    /**
     * The KMS chain broken each way the KMS rules judge: private without an endpoint connection, public behind a
     * firewall, KMS data encryption behind a closed firewall, a system-assigned identity, platform-managed keys, an old
     * key version, key_ops without encrypt and decrypt, a former key disabled, an identity without encrypt and decrypt.
     */
    private static List<String> kmsTexts(ResourceId clusterId, String name, List<AgentPool> pools, ResourceId vaultId) {
        KeyRef v1 = KeyRef.parse("https://kv-pay.vault.azure.net/keys/etcd-key/1111aaaa");
        KeyRef v2 = KeyRef.parse("https://kv-pay.vault.azure.net/keys/etcd-key/2222bbbb");
        ManagedIdentity ua = new ManagedIdentity("UserAssigned", null, null, Map.of(ResourceId.parse("/subscriptions/" + SUB
                + "/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-kms"), PRINCIPAL));
        ManagedIdentity system = new ManagedIdentity("SystemAssigned", PRINCIPAL, "t", Map.of());
        java.util.function.BiFunction<KmsProfile, ManagedIdentity, ManagedCluster> cluster = (kms, id) -> new ManagedCluster(
                clusterId, name, "westeurope", Tags.NONE, null, kms, pools, "Succeeded", null, id);
        java.util.function.Function<VaultNetwork, KeyVault> vault = net -> new KeyVault(vaultId, "kv-pay", "kv-pay.vault.azure.net",
                false, true, true, 90, false, List.of(new AccessPolicy("t", "someone-else", null, Set.of("get"))), "premium",
                net.publicNetworkAccess(), "t", true, net);
        VaultKey newest = new VaultKey(vaultId.child("keys", "etcd-key"), v2.versionless(), "2222bbbb", true, null, null, "RSA",
                2048, null, null, false, null, NOW, List.of("wrapKey", "unwrapKey"));
        VaultKey old = new VaultKey(vaultId.child("keys", "etcd-key"), v1.versionless(), "1111aaaa", false, null, null, "RSA",
                2048, null, null, false, null, NOW.minus(200, ChronoUnit.DAYS), List.of("wrapKey", "unwrapKey"));
        VaultNetwork closed = VaultNetwork.of("Disabled", new NetworkAcls("Deny", "None", List.of(), List.of()), List.of());
        record Case(ManagedCluster cluster, KeyRef ref, KeyVault vault, VaultKey key, VaultKey used) {
        }
        List<Case> cases = List.of(
                new Case(cluster.apply(new KmsProfile(true, v1, "Private", vaultId, null), ua), v1, vault.apply(closed), newest, old),
                new Case(cluster.apply(new KmsProfile(true, v1, "Private", null, null), ua), v1, vault.apply(closed), newest, old),
                new Case(cluster.apply(new KmsProfile(true, v1, "Public", null, null), ua), v1, vault.apply(closed), newest, old),
                new Case(cluster.apply(new KmsProfile(true, v2.versionless(), null, null, "Enabled"), system), v2.versionless(),
                        vault.apply(closed), newest, newest),
                new Case(cluster.apply(new KmsProfile(true, v1, "Public", null, null), system), v1, vault.apply(closed), newest, old),
                new Case(cluster.apply(new KmsProfile(false, null, null, null, "Enabled").withFormerKey(v1), ua), v1,
                        vault.apply(closed), newest, old));
        List<String> out = new ArrayList<>();
        RuleContext context = new RuleContext(NOW, RuleSettings.DEFAULTS);
        for (Case c : cases) {
            List<KeyUser> users = c.ref().equals(c.cluster().kms().keyInUse())
                    ? List.of(new KeyUser("KMS of cluster " + name, clusterId, c.cluster().identity(), KeyOperations.ENCRYPT_DECRYPT))
                    : List.of();
            KeyUse use = new KeyUse(KeyPurpose.KMS_ETCD, c.cluster(), List.of(KeyConsumer.of(c.cluster())), null, null, c.ref(),
                    Lookup.found(c.vault()), Lookup.found(c.key()), Lookup.found(c.used()), users, null, Map.of());
            for (Rule rule : RuleCatalog.standard().all()) {
                Outcome o = new Outcome();
                if (rule instanceof ClusterRule cr) {
                    cr.check(new ClusterFacts(c.cluster(), List.of(use)), context, o);
                } else if (rule instanceof KeyUseRule kr) {
                    kr.check(use, context, o);
                }
                o.failures().forEach(f -> out.add(f.remediation()));
                o.missing().forEach(m -> out.add(m.reason()));
            }
        }
        return out;
    }

    /**
     * The persistent-volume rules' remediations: a platform-key disk and snapshot named by hostile claims, for a cluster
     * with a set and one without, and a disk on a set the policy does not allow.
     */
    private static List<String> volumeTexts(boolean hostile, ManagedCluster withSet, String rg, String name,
                                            RuleSettings strict) {
        String ns = hostile ? "ns$(touch CANARY)" : "payments";
        String pvc = hostile ? HOSTILE_NAME : "data-db-0";
        ResourceId diskId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg
                + "/providers/Microsoft.Compute/disks/pvc-0f1e2d3c");
        ResourceId snapshotId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg
                + "/providers/Microsoft.Compute/snapshots/snapshot-0f1e2d3c");
        Tags tags = new Tags(Map.of("k8s-azure-created-by", "kubernetes-azure-dd", "kubernetes.io-created-for-pv-name",
                "pvc-0f1e2d3c", "kubernetes.io-created-for-pvc-name", pvc, "kubernetes.io-created-for-pvc-namespace", ns));
        ManagedDisk onPlatformKey = new ManagedDisk(diskId, "pvc-0f1e2d3c", "westeurope", tags,
                DiskEncryption.reported(DiskEncryption.PLATFORM_KEY, null), null, null, "Unattached", null);
        DiskSnapshot snapshot = new DiskSnapshot(snapshotId, "snapshot-0f1e2d3c", "westeurope", new Tags(Map.of(
                "kubernetes.io-created-for-snapshot-name", pvc, "kubernetes.io-created-for-snapshot-namespace", ns)),
                DiskEncryption.PLATFORM_KEY_BY_DEFAULT, diskId, true, null);
        ManagedCluster noSet = new ManagedCluster(withSet.id(), name, "westeurope", Tags.NONE, null, KmsProfile.NONE,
                withSet.agentPools(), "Succeeded");
        List<String> out = new ArrayList<>();
        for (ManagedCluster c : List.of(withSet, noSet)) {
            ClusterFacts facts = new ClusterFacts(c, List.of(), () -> Lookup.found(List.of(onPlatformKey)),
                    () -> Lookup.found(List.of(snapshot)));
            Outcome o = new Outcome();
            new PvDiskPlatformKeyRule().check(facts, new RuleContext(NOW, strict), o);
            o.failures().forEach(f -> out.add(f.remediation()));
        }
        ResourceId otherSet = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/" + rg
                + "/providers/Microsoft.Compute/diskEncryptionSets/des-other");
        KeyUse onOtherSet = KeyUse.throughSet(KeyPurpose.DATA_DISK, withSet, List.of(KeyConsumer.of(onPlatformKey)), otherSet,
                Lookup.unknown("not read"), null, null, null, null, null);
        Outcome o = new Outcome();
        new PvDiskSetNotAllowedRule().check(onOtherSet, new RuleContext(NOW, new RuleSettings(30, true, false,
                List.of(withSet.diskEncryptionSetId()))), o);
        o.failures().forEach(f -> out.add(f.remediation()));
        assertEquals(5, out.size(), "two disks, two snapshots, one disk on a set not allowed");
        return out;
    }

    /** Remediations and reasons of a real scan of a folder of exports. */
    private static List<String> scanTexts(Path folder) {
        SnapshotInventory inventory = SnapshotInventory.load(folder);
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).parse("{\"requireHsm\": true}", "p");
        ClusterEvaluator evaluator = new ClusterEvaluator(RuleCatalog.standard());
        List<String> out = new ArrayList<>();
        for (ManagedCluster c : inventory.clusters()) {
            ClusterVerdict v = evaluator.evaluate(c, inventory, policy, NOW);
            v.findings().stream().map(Finding::remediation).forEach(out::add);
            v.notEvaluated().stream().map(NotEvaluated::reason).forEach(out::add);
        }
        return out;
    }
}
