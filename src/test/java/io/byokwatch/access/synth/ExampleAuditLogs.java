package io.byokwatch.access.synth;

import io.byokwatch.adapter.snapshot.Snapshot;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.snapshot.SnapshotLoader;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.port.Lookup;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's audit logs ({@code examples/logs/}): 15 days of Key Vault AuditEvent records for the example estate, as a
 * storage account receives them (JSON lines), ending at the demo's {@code --now}. Every disk encryption set whose
 * identity exists unwraps its key through the day; the cluster with KMS on the Managed HSM key encrypts and decrypts
 * with its own identity; monitoring reads the vaults; clients are challenged with 401 first. The set whose key was deleted
 * (archive-disk) gets 404 on every unwrap. In the last day one person who is no disk encryption set's identity unwraps
 * kv-pay-prod/aks-disk from outside. Rates are low so the file stays a few megabytes.
 *
 * <p>Regenerate with {@code ExampleAuditLogs examples/estate examples/logs/keyvault-audit.json}; a test checks that
 * the committed file is exactly what this writes.
 */
public final class ExampleAuditLogs {
    public static final Instant END = Instant.parse("2026-12-01T02:00:00Z");
    public static final int DAYS = 15;
    public static final Caller UNWRAPPER = new Caller("3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f71", null, "alex.ruiz@contoso.example");
    public static final String UNWRAPPER_IP = "198.51.100.23";
    private static final long SEED = 20261201L;

    private ExampleAuditLogs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            write(Path.of(args[0]), w);
        }
    }

    /** Writes the JSON lines for the estate in {@code estateDir}. */
    public static void write(Path estateDir, Writer out) throws IOException {
        Snapshot snapshot = SnapshotLoader.load(estateDir);
        SnapshotInventory inventory = new SnapshotInventory(snapshot);
        SplittableRandom rnd = new SplittableRandom(SEED);
        Map<String, String> resourceIds = new LinkedHashMap<>();
        Map<String, String> hosts = new LinkedHashMap<>();
        for (KeyVault v : snapshot.vaults()) {
            resourceIds.put(v.name().toLowerCase(), v.id().toString());
            hosts.put(v.name().toLowerCase(), v.host());
        }
        List<Actor> actors = new ArrayList<>();
        for (DiskEncryptionSet s : snapshot.diskEncryptionSets()) {
            // A set without identity, or whose identity Azure reports as gone, makes no calls at all.
            if (s.activeKey() == null || s.identity().knownPrincipalIds().isEmpty()
                    || "ManagedServiceIdentityNotFound".equals(s.rotationErrorCode())) {
                continue;
            }
            String vault = s.activeKey().vaultName().toLowerCase();
            Actors.DiskEncryptionSet des = new Actors.DiskEncryptionSet(vault, s.activeKey().name().toLowerCase(), s.name(),
                    new Caller(s.identity().knownPrincipalIds().get(0), null, null), 0.4 + rnd.nextDouble() * 0.5,
                    12 + rnd.nextDouble() * 6, 0.3 + rnd.nextDouble() * 0.3, 0.7 + rnd.nextDouble() * 0.3,
                    new Actors.Networks(rnd, 2, 20));
            des.keyChecks = 0.1;
            des.challenges = 0.05;
            if (inventory.key(s.activeKey()) instanceof Lookup.Absent<?>) {
                des.unwrapStatus = 404;
            }
            actors.add(des);
        }
        for (ManagedCluster c : snapshot.clusters()) {
            if (c.kms().enabled() && c.kms().key() != null && c.name().equals("aks-cardvault")) {
                // The KMS plugin encrypts and decrypts its data keys with the Key Vault key (Azure/kubernetes-kms calls
                // the encrypt and decrypt operations), as the cluster's own identity (e14ff9c1..., from its payload).
                actors.add(new Actors.Application(c.kms().key().vaultName().toLowerCase(), c.kms().key().name().toLowerCase(),
                        new Caller("e14ff9c1-6ad1-4193-a087-9263787142ea", null, null), 0.3, 13, new Actors.Networks(rnd, 1, 52),
                        List.of("KeyDecrypt", "KeyEncrypt")));
            }
        }
        Caller monitor = new Caller("7c0e2b55-91d4-4f3a-8a6e-3b2d1c0f9e84", "0f4a3b2c-1d5e-4f60-8a9b-7c6d5e4f3a21", null);
        for (String vault : resourceIds.keySet()) {
            actors.add(new MonitorEveryFewHours(vault, monitor, new Actors.Networks("10.40.7")));
        }
        Instant start = END.minus(Duration.ofDays(DAYS));
        int lastDay = (DAYS - 1) * 24;
        Actors.Incident person = new Actors.Incident(UNWRAPPER);
        person.steps.add(new Actors.Incident.Step(lastDay + 21, "kv-pay-prod", "aks-disk", "KeyGet", 200, 2, UNWRAPPER_IP));
        person.steps.add(new Actors.Incident.Step(lastDay + 21, "kv-pay-prod", "aks-disk", "KeyUnwrap", 200, 6, UNWRAPPER_IP));
        actors.add(person);
        AuditEventJson json = new AuditEventJson(resourceIds, hosts);
        SplittableRandom fields = new SplittableRandom(SEED + 1);
        IOException[] failed = {null};
        Timeline.events(actors, start, DAYS * 24, SEED, e -> {
            try {
                out.write(json.line(e, fields));
                out.write('\n');
            } catch (IOException ex) {
                failed[0] = ex;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** Monitoring that reads vault properties a few times a day. */
    private static final class MonitorEveryFewHours extends Actor {
        private final Actors.Networks networks;

        MonitorEveryFewHours(String vault, Caller caller, Actors.Networks networks) {
            super(vault, null, caller);
            this.networks = networks;
        }

        @Override
        void hour(int hour, Instant at, SplittableRandom rnd, java.util.function.Consumer<io.byokwatch.domain.AccessRecord> out) {
            if (hour % 6 == 0) {
                emit(out, at, vault, null, "VaultGet", caller, networks.address(rnd), 200, 1);
            }
        }
    }
}
