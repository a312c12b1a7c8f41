package io.byokwatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.port.Outbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code byokwatch demo}: the whole mission in under a minute on the bundled examples, with no Azure account. Every step
 * runs a real command ({@code scan}, {@code replay}, {@code access-report}) over a private copy of the example estate,
 * which the story edits between steps the way the estate would change in Azure.
 */
@Command(name = "demo",
        customSynopsis = {"byokwatch demo [--dir DIR]"},
        description = "The whole story on the bundled examples in under a minute, no Azure account needed (run from the byokwatch folder).")
final class DemoCommand implements Callable<Integer> {
    private static final String NOW = "2026-12-01T00:00:00Z";
    /** The first sweep of a deployment, earlier on the day the story's events happen. */
    private static final String BASELINE = "2026-11-30T08:00:00Z";
    private static final Path EXAMPLES = Path.of("examples");
    private static final String HOTFIX = "payments/aks-shipped-nobyok.az.json";
    private static final String LEGACY_VAULT = "payments/vaults/kv-shared-legacy.json";
    private static final String PV_DISKS = "health/pv-disks.graph.json";
    /** The disk of PVC ehr/data-ehr-postgres-0, which its StorageClass put on the platform key. */
    private static final String POSTGRES_DISK = "pvc-4c1d9a7e-2b3f-4e8a-9d6c-1f0e2a3b4c5d";

    @Option(names = "--dir", paramLabel = "DIR", description = "Keep the demo's estate copy and state here (default: a new temporary folder).")
    String dir;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    DemoCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
        this.env = cli.env();
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(EXAMPLES.resolve("estate"))) {
            throw new InputException("the demo runs from the byokwatch folder (it reads examples/); cd there first");
        }
        Path work = dir != null ? Path.of(dir) : temporary();
        Path estate = work.resolve("estate");
        Path state = work.resolve("state");
        copy(EXAMPLES.resolve("estate"), estate);
        String hotfixShipped = read(estate.resolve(HOTFIX));
        String legacyVault = read(estate.resolve(LEGACY_VAULT));
        String pvDisks = read(estate.resolve(PV_DISKS));
        delete(estate.resolve(HOTFIX));
        write(estate.resolve(LEGACY_VAULT), legacyVault.replace("\"enablePurgeProtection\": null", "\"enablePurgeProtection\": true"));
        write(estate.resolve(PV_DISKS), withoutDisk(pvDisks, POSTGRES_DISK));
        String policy = EXAMPLES.resolve("policy.json").toString();

        step(1, "Scan the example estate: 20 AKS clusters in three subscriptions, every link of every chain checked");
        int scan = Main.run(new String[]{"scan", "--inventory", estate.toString(), "--policy", policy, "--now", NOW, "--fail-on", "none"},
                out, quiet(), env);
        int known = baseline(estate, state, policy);
        out.println();
        out.println("byokwatch now watches this estate; the " + known + " clusters already failing were alerted on once and"
                + " stay quiet until something changes.");

        step(2, "09:14 - a cluster is shipped without BYOK; Event Grid delivers the write event");
        write(estate.resolve(HOTFIX), hotfixShipped);
        int shipped = replay(estate, state, policy, "01-cluster-shipped-without-byok.json", "2026-11-30T09:14:09Z");

        step(3, "10:31 - aks-ehr, whose node disks are on its customer key (the one property other tools check), gets a"
                + " PostgreSQL volume; its StorageClass names no disk encryption set, so the database lands on the platform"
                + " key: this cluster's database is not on your key");
        write(estate.resolve(PV_DISKS), pvDisks);
        int pvc = replay(estate, state, policy, "06-pvc-on-platform-key.json", "2026-11-30T10:31:02Z");

        step(4, "11:47 - a pipeline re-creates shared vault kv-shared-legacy without purge protection: one event,"
                + " three clusters behind it re-evaluated");
        write(estate.resolve(LEGACY_VAULT), legacyVault);
        int vault = replay(estate, state, policy, "04-shared-vault-recreated.json", "2026-11-30T11:47:14Z");

        step(5, "14:05 - the team rebuilds the cluster on a customer-managed key; the alert resolves");
        write(estate.resolve(HOTFIX), rebuilt(hotfixShipped));
        int fixed = replay(estate, state, policy, "05-cluster-rebuilt-with-byok.json", "2026-11-30T14:05:35Z");

        step(6, "02:00 - the nightly Key Vault access report over last night's audit logs");
        Path html = work.resolve("access-report.html");
        String[] report = {"access-report", "--logs", EXAMPLES.resolve("logs").toString(), "--inventory", estate.toString(),
                "--now", "2026-12-01T02:00:00Z"};
        int access = Main.run(concat(report, "--format", "markdown"), out, err, env);
        Main.run(concat(report, "--format", "html", "--output", html.toString()), quiet(), quiet(), env);
        out.println();
        out.println("HTML report (self-contained, for an email): " + html.toAbsolutePath());

        step(7, "The numbers a CISO asks for, from the history byokwatch kept of every transition today");
        Path kpiPage = work.resolve("kpi.html");
        String[] kpi = {"kpi", "--state", state.toString(), "--inventory", estate.toString(), "--logs",
                EXAMPLES.resolve("logs").toString(), "--from", "2026-11-30", "--to", "2026-11-30", "--now", "2026-12-01T02:00:00Z"};
        int kpis = Main.run(concat(kpi, "--format", "markdown"), out, quiet(), env);
        Main.run(concat(kpi, "--format", "html", "--output", kpiPage.toString()), quiet(), quiet(), env);
        out.println();
        out.println("Demo state and estate copy: " + work.toAbsolutePath());
        out.println("KPI dashboard (self-contained; serve shows it at /): " + kpiPage.toAbsolutePath());
        return scan == 0 && shipped <= 1 && pvc <= 1 && vault <= 1 && fixed <= 1 && access == 0 && kpis == 0 ? 0 : 1;
    }

    /** Records today's verdicts without telling anyone, as a deployment's first sweep would have done long ago. */
    private int baseline(Path estate, Path state, String policy) {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", estate.toString(),
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", policy),
                Clock.fixed(Instant.parse(BASELINE), ZoneOffset.UTC));
        int alerts = runtime.detector().reconcile("byokwatch.Reconcile").alerts().size();
        Outbox outbox = runtime.outbox();
        for (List<Outbox.Lease> batch = outbox.lease(100, Duration.ofMinutes(1)); !batch.isEmpty();
             batch = outbox.lease(100, Duration.ofMinutes(1))) {
            batch.forEach(outbox::ack);
        }
        return alerts;
    }

    /** @param handled when byokwatch handles the event: two seconds after Event Grid stamped it */
    private int replay(Path estate, Path state, String policy, String event, String handled) {
        return Main.run(new String[]{"replay", "--inventory", estate.toString(), "--events",
                EXAMPLES.resolve("events").resolve(event).toString(), "--state", state.toString(), "--policy", policy,
                "--notify", "stdout", "--now", handled}, out, quiet(), env);
    }

    /**
     * The same cluster rebuilt with a disk encryption set, encryption at host and KMS, which runs, like the other
     * payments clusters', on the payments KMS identity the vault lets encrypt and decrypt.
     */
    private static String rebuilt(String shipped) {
        return shipped
                .replace("\"diskEncryptionSetId\": null", "\"diskEncryptionSetId\": \"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"
                        + "/resourceGroups/rg-keys-prod/providers/Microsoft.Compute/diskEncryptionSets/des-pay-prod\"")
                .replace("\"enableEncryptionAtHost\": null", "\"enableEncryptionAtHost\": true")
                .replace("\"azureKeyVaultKms\": null", "\"azureKeyVaultKms\": {\"enabled\": true, \"keyId\":"
                        + " \"https://kv-pay-prod.vault.azure.net/keys/aks-disk/d64e0f2dd88bf5b4ef73d47e7e8c29ca\","
                        + " \"keyVaultNetworkAccess\": \"Public\"}")
                .replace("\"type\": \"SystemAssigned\",\n    \"userAssignedIdentities\": null", "\"type\": \"UserAssigned\","
                        + " \"userAssignedIdentities\": {\"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups"
                        + "/rg-payments-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-payments-kms\":"
                        + " {\"principalId\": \"7a1e4c2b-9d3f-4e8a-b6c5-1f0e2d3c4b5a\"}}");
    }

    private void step(int n, String title) {
        out.println();
        out.println("=".repeat(100));
        out.println("[" + n + "/7] " + title);
        out.println("=".repeat(100));
        out.flush();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("byokwatch-demo");
        } catch (IOException e) {
            throw new InputException("cannot create a folder for the demo: " + e.getMessage() + "; pass --dir DIR");
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Resource Graph export without one disk, as it was before the PVC was created. */
    private static String withoutDisk(String graphExport, String diskName) {
        JsonObject doc = JsonParser.parseString(graphExport).getAsJsonObject();
        JsonArray kept = new JsonArray();
        doc.getAsJsonArray("data").forEach(row -> {
            if (!diskName.equals(row.getAsJsonObject().get("name").getAsString())) {
                kept.add(row);
            }
        });
        doc.add("data", kept);
        return doc.toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
