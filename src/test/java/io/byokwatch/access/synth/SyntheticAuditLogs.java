package io.byokwatch.access.synth;

import io.byokwatch.access.Allowlist;
import io.byokwatch.access.AllowlistEntry;
import io.byokwatch.access.ByokEstate;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A seeded synthetic estate and its Key Vault audit logs: vaults with disk keys used by disk encryption sets (each
 * with its own load, daily rhythm, weekend dip and occasional scale-outs), application keys used by applications in
 * office hours, nightly automation, monitoring, token challenges (401), stray refusals and throttling; and, on each
 * window day, one planted anomaly of every kind with the answer recorded. The same seed gives the same world and the
 * same logs.
 */
public final class SyntheticAuditLogs {
    /** A planted anomaly: what a detector must report, on which window day (days since the start). */
    public record Planted(String detector, String vault, String key, String callerId, int day, String what) {
    }

    private static final String SUBSCRIPTION = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
    private static final String TENANT = "5b1c7a3e-2d4f-4e6a-8b9c-0d1e2f3a4b5c";
    private static final String[] WORDS = {"pay", "ledger", "claims", "search", "orders", "web", "batch", "risk", "core",
            "data", "ml", "edge", "crm", "hr", "ops"};

    private final long seed;
    private final Instant start;
    private final int baselineDays;
    private final int days;
    private final List<Actor> actors = new ArrayList<>();
    private final Map<DiskEncryptionSet, List<ManagedCluster>> sets = new LinkedHashMap<>();
    private final List<Planted> planted = new ArrayList<>();
    private final List<AllowlistEntry> allowed = new ArrayList<>();
    private final List<Actors.DiskEncryptionSet> desActors = new ArrayList<>();
    private final List<Actors.Application> apps = new ArrayList<>();
    private final Map<String, List<Actors.DiskEncryptionSet>> desByKey = new LinkedHashMap<>();
    private final Map<String, List<String>> diskKeysByVault = new LinkedHashMap<>();
    private final Set<Actor> misused = new HashSet<>();

    private SyntheticAuditLogs(long seed, Instant start, int baselineDays, int days) {
        this.seed = seed;
        this.start = start;
        this.baselineDays = baselineDays;
        this.days = days;
    }

    /**
     * @param vaults       vaults in the estate (each holds 1-3 disk keys and 0-3 application keys)
     * @param baselineDays days before the first window day, with nothing planted
     * @param windowDays   days with planted anomalies, each a window of its own
     */
    public static SyntheticAuditLogs generate(int vaults, int baselineDays, int windowDays, long seed) {
        // A Monday, so that windows meet weekdays and weekends alike.
        SyntheticAuditLogs w = new SyntheticAuditLogs(seed, Instant.parse("2026-10-05T00:00:00Z"), baselineDays,
                baselineDays + windowDays);
        SplittableRandom rnd = new SplittableRandom(seed);
        w.build(rnd, vaults);
        for (int day = baselineDays; day < w.days; day++) {
            w.plant(rnd, day);
        }
        return w;
    }

    private void build(SplittableRandom rnd, int vaults) {
        List<String[]> automationKeys = new ArrayList<>();
        List<String> automationVaults = new ArrayList<>();
        for (int v = 0; v < vaults; v++) {
            String vault = "kv-" + WORDS[v % WORDS.length] + "-" + v;
            double peak = new double[]{13, 19, 4}[rnd.nextInt(3)] + rnd.nextDouble() * 3;
            int diskKeys = 1 + rnd.nextInt(3);
            for (int k = 0; k < diskKeys; k++) {
                String key = "disk-" + k;
                diskKeysByVault.computeIfAbsent(vault, x -> new ArrayList<>()).add(key);
                automationKeys.add(new String[]{vault, key});
                int setCount = 1 + rnd.nextInt(4);
                for (int s = 0; s < setCount; s++) {
                    String setName = "des-" + vault.substring(3) + "-" + k + "-" + s;
                    Caller identity = new Caller(uuid(rnd), uuid(rnd), null);
                    double base = Math.exp(Math.log(1.5) + rnd.nextDouble() * (Math.log(250) - Math.log(1.5)));
                    Actors.DiskEncryptionSet des = new Actors.DiskEncryptionSet(vault, key, setName, identity, base,
                            peak + rnd.nextDouble() * 2 - 1, 0.2 + rnd.nextDouble() * 0.4, 0.6 + rnd.nextDouble() * 0.4,
                            new Actors.Networks(rnd, 2 + rnd.nextInt(2), new int[]{20, 40, 52}[rnd.nextInt(3)]));
                    for (int d = 0; d < days; d++) {
                        if (rnd.nextDouble() < 0.12) {
                            des.scaleOuts.put(d, new double[]{rnd.nextInt(20), 2 + rnd.nextInt(5), 1.3 + rnd.nextDouble() * 1.2});
                        }
                    }
                    addSet(des, rnd.nextInt(4));
                }
            }
            int appKeys = rnd.nextInt(4);
            for (int k = 0; k < appKeys; k++) {
                int callers = 1 + rnd.nextInt(3);
                for (int c = 0; c < callers; c++) {
                    List<String> ops = rnd.nextBoolean() ? List.of("KeyDecrypt", "KeyEncrypt") : List.of("KeySign", "KeyGet");
                    Actors.Application app = new Actors.Application(vault, "app-" + k, new Caller(uuid(rnd), uuid(rnd), null),
                            Math.exp(Math.log(0.5) + rnd.nextDouble() * (Math.log(150) - Math.log(0.5))), 9 + rnd.nextInt(8),
                            new Actors.Networks(rnd, 1 + rnd.nextInt(2), 10), ops);
                    apps.add(app);
                    actors.add(app);
                }
            }
            actors.add(new Actors.Monitor(vault, new Caller(uuid(rnd), uuid(rnd), null), new Actors.Networks(rnd, 1, 10)));
            automationVaults.add(vault);
            if (automationVaults.size() == 10 || v == vaults - 1) {
                Caller pipeline = new Caller(uuid(rnd), uuid(rnd), null);
                actors.add(new Actors.Automation(pipeline, List.copyOf(automationKeys), List.copyOf(automationVaults),
                        1 + rnd.nextInt(4), new Actors.Networks(rnd, 1, 40), 0.5));
                allowed.add(new AllowlistEntry(pipeline.objectId(), Set.of("unexpected-caller", "sensitive-operation"), null,
                        null, "infrastructure pipeline reads disk keys and re-applies vault settings nightly",
                        LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(days + 365), "platform-team"));
                automationKeys.clear();
                automationVaults.clear();
            }
        }
    }

    private void addSet(Actors.DiskEncryptionSet des, int clusters) {
        desActors.add(des);
        actors.add(des);
        desByKey.computeIfAbsent(des.vault + "/" + des.key, x -> new ArrayList<>()).add(des);
        ResourceId setId = ResourceId.parse("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-" + des.vault
                + "/providers/Microsoft.Compute/diskEncryptionSets/" + des.setName);
        DiskEncryptionSet set = new DiskEncryptionSet(setId, des.setName, "westeurope", "EncryptionAtRestWithCustomerKey",
                new KeyRef(des.vault + ".vault.azure.net", des.key, "0123456789abcdef0123456789abcdef"), null, true, null,
                null, null, new ManagedIdentity("SystemAssigned", des.caller.objectId(), TENANT, Map.of()), null, "Succeeded");
        List<ManagedCluster> users = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            String name = "aks-" + des.setName.substring(4) + "-" + c;
            users.add(new ManagedCluster(ResourceId.parse("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-" + name
                    + "/providers/Microsoft.ContainerService/managedClusters/" + name), name, "westeurope", Tags.NONE,
                    setId, KmsProfile.NONE, List.of(), "Succeeded"));
        }
        sets.put(set, users);
    }

    /** One anomaly of each kind on the day, each on a different caller so that one does not hide another. */
    private void plant(SplittableRandom rnd, int day) {
        Set<Actor> used = new HashSet<>();
        int h0 = day * 24;
        // A person unwraps a disk key from outside.
        Actors.DiskEncryptionSet target = pick(rnd, desActors, used);
        Actors.Incident person = new Actors.Incident(new Caller(uuid(rnd), null, "eve" + day + "@contoso.example"));
        int h = h0 + rnd.nextInt(24);
        person.steps.add(new Actors.Incident.Step(h, target.vault, target.key, "KeyUnwrap", 200, 3 + rnd.nextInt(13),
                "198.51.100." + (1 + rnd.nextInt(254))));
        person.steps.add(new Actors.Incident.Step(h, target.vault, target.key, "KeyGet", 200, 1 + rnd.nextInt(2),
                "198.51.100." + (1 + rnd.nextInt(254))));
        actors.add(person);
        planted.add(new Planted("unexpected-caller", target.vault, target.key, person.caller.id(), day, "person unwrapped"));
        // An application known on its own key decrypts with a disk key.
        if (day % 2 == 0) {
            // Each application misuses a disk key once: a second time it would be part of its own history.
            Actors.Application app = pick(rnd, apps, misused);
            String diskKey = diskKeysByVault.get(app.vault).get(0);
            Actors.Incident misuse = new Actors.Incident(app.caller);
            misuse.steps.add(new Actors.Incident.Step(h0 + rnd.nextInt(24), app.vault, diskKey, "KeyDecrypt", 200,
                    1 + rnd.nextInt(20), app.networks.address(rnd)));
            actors.add(misuse);
            planted.add(new Planted("unexpected-caller", app.vault, diskKey, app.caller.id(), day, "application on a disk key"));
        }
        // A spike on an application's or a disk encryption set's own series.
        if (rnd.nextBoolean()) {
            Actors.Application app = apps.get(rnd.nextInt(apps.size()));
            int at = h0 + 8 + rnd.nextInt(10);
            double rate = app.base * Actor.rhythm(at % 24, Actor.weekend(start.plusSeconds(3600L * at)), app.peak, 0.8, 0.3);
            double factor = Math.max(15, 80 / Math.max(rate, 0.1));
            for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
                app.spikes.put(at + i, factor);
            }
            planted.add(new Planted("volume-spike", app.vault, app.key, app.caller.id(), day, "application x" + Math.round(factor)));
        } else {
            Actors.DiskEncryptionSet des = pick(rnd, desActors, used);
            int at = h0 + rnd.nextInt(22);
            double factor = Math.max(12, 80 / Math.max(des.rate(at, start.plusSeconds(3600L * at)), 0.1));
            for (int i = 0; i < 1 + rnd.nextInt(2); i++) {
                des.spikes.put(at + i, factor);
            }
            planted.add(new Planted("volume-spike", des.vault, des.key, des.caller.id(), day, "disk set x" + Math.round(factor)));
        }
        // A disk encryption set loses access: its unwraps are refused for a few hours.
        Actors.DiskEncryptionSet denied = pick(rnd, desActors, used);
        int from = h0 + rnd.nextInt(19);
        for (int i = 0; i < 3 + rnd.nextInt(3); i++) {
            denied.denied.put(from + i, 25 + rnd.nextInt(126));
        }
        planted.add(new Planted("failure-burst", denied.vault, denied.key, null, day, "403 for " + denied.setName));
        // A disk encryption set's identity calls from an address outside Azure's networks.
        Actors.DiskEncryptionSet stolen = pick(rnd, desActors, used);
        stolen.foreign.put(h0 + rnd.nextInt(24), "185." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)));
        planted.add(new Planted("new-source", stolen.vault, stolen.key, stolen.caller.id(), day, "token used elsewhere"));
        // A person runs a sensitive operation on a vault with disk keys.
        String vault = new ArrayList<>(diskKeysByVault.keySet()).get(rnd.nextInt(diskKeysByVault.size()));
        String op = List.of("KeyBackup", "KeyDelete", "VaultPatch", "KeyUpdate", "KeyRotationPolicySet", "KeyPurge")
                .get(rnd.nextInt(6));
        String key = op.startsWith("Vault") ? null : diskKeysByVault.get(vault).get(0);
        Actors.Incident admin = new Actors.Incident(new Caller(uuid(rnd), null, "admin" + day + "@contoso.example"));
        admin.steps.add(new Actors.Incident.Step(h0 + rnd.nextInt(24), vault, key, op, 200, 1, "10.20.30." + (1 + rnd.nextInt(254))));
        actors.add(admin);
        planted.add(new Planted("sensitive-operation", vault, key, admin.caller.id(), day, op));
        // Every other day a disk key that clusters depend on falls silent.
        if (day % 2 == 1) {
            for (Map.Entry<String, List<Actors.DiskEncryptionSet>> e : desByKey.entrySet()) {
                List<Actors.DiskEncryptionSet> users = e.getValue();
                boolean hasClusters = users.stream().anyMatch(d -> !clustersOf(d).isEmpty());
                if (hasClusters && users.stream().noneMatch(used::contains) && rnd.nextInt(4) == 0) {
                    users.forEach(d -> {
                        d.silent.set(h0, h0 + 24);
                        used.add(d);
                    });
                    planted.add(new Planted("silent-key", users.get(0).vault, users.get(0).key, null, day, "key silent"));
                    break;
                }
            }
        }
    }

    private List<ManagedCluster> clustersOf(Actors.DiskEncryptionSet des) {
        return sets.entrySet().stream().filter(e -> e.getKey().name().equals(des.setName)).findFirst()
                .map(Map.Entry::getValue).orElse(List.of());
    }

    private static <T extends Actor> T pick(SplittableRandom rnd, List<T> from, Set<Actor> used) {
        for (int tries = 0; tries < 1000; tries++) {
            T a = from.get(rnd.nextInt(from.size()));
            if (used.add(a)) {
                return a;
            }
        }
        throw new IllegalStateException("the synthetic estate is too small to plant one anomaly per caller");
    }

    private static String uuid(SplittableRandom rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }

    public int baselineDays() {
        return baselineDays;
    }

    public int days() {
        return days;
    }

    public Instant dayStart(int day) {
        return start.plus(Duration.ofDays(day));
    }

    public List<Planted> planted() {
        return List.copyOf(planted);
    }

    public ByokEstate estate() {
        return ByokEstate.of(sets, List.of());
    }

    public Allowlist allowlist() {
        return new Allowlist(allowed);
    }

    /** Disk encryption sets with the clusters they serve, as an inventory would give them. */
    public Map<DiskEncryptionSet, List<ManagedCluster>> sets() {
        return sets;
    }

    public int callers() {
        return actors.size();
    }

    /** Every hour's activity as hourly bins, hour by hour; the same sequence on every call. */
    public void bins(Consumer<AccessRecord> sink) {
        Timeline.bins(actors, start, days * 24, seed, sink);
    }

    /** The same activity as single audit events at random moments within their hour, in time order. */
    public void events(Consumer<AccessRecord> sink) {
        Timeline.events(actors, start, days * 24, seed, sink);
    }
}
