package io.byokwatch.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.BlastRadius;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code byokwatch blast-radius}: what breaks if this key, vault or set goes away. */
@Command(name = "blast-radius", sortOptions = false,
        description = "Before disabling a key in an incident: which disk encryption sets and clusters depend on a key, vault or set.")
final class BlastRadiusCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json");

    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    static final class Target {
        @Option(names = "--key", paramLabel = "URL", description = "A key URL, e.g. https://kv-pay-prod.vault.azure.net/keys/aks-disk.")
        String key;

        @Option(names = "--vault", paramLabel = "ID", description = "A key vault's ARM resource id.")
        String vault;

        @Option(names = "--des", paramLabel = "ID", description = "A disk encryption set's ARM resource id.")
        String des;
    }

    @Option(names = "--inventory", paramLabel = "PATH", order = 0, description = "A JSON file or a folder of them.")
    String inventory;

    @ArgGroup(validate = false, heading = "%nTarget (exactly one):%n", order = 1)
    Target target = new Target();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Formats.class, order = 2,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    private final PrintStream out;
    private final PrintStream err;

    BlastRadiusCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
    }

    @Override
    public Integer call() {
        String format = Flags.choice("--format", this.format, FORMATS);
        long targets = java.util.stream.Stream.of(target.key, target.vault, target.des).filter(java.util.Objects::nonNull).count();
        if (targets != 1) {
            throw new UsageException("blast-radius needs exactly one of --key URL, --vault ID or --des ID");
        }
        FileInventory.Loaded loaded;
        try {
            loaded = FileInventory.load(java.nio.file.Path.of(Flags.required("blast-radius", "--inventory", inventory, "examples/estate")));
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("warning: " + p));
        BlastRadius radius = new BlastRadius();
        BlastRadius.Result r;
        if (target.key != null) {
            KeyRef key = KeyRef.orNull(target.key);
            if (key == null) {
                throw new UsageException("--key '" + target.key + "' is not a key URL; use https://<vault>.vault.azure.net/keys/<name>[/<version>]");
            }
            r = radius.forKey(key, loaded.inventory());
        } else {
            String flag = target.vault != null ? "vault" : "des";
            String given = target.vault != null ? target.vault : target.des;
            ResourceId id = ResourceId.orNull(given);
            if (id == null) {
                throw new UsageException("--" + flag + " '" + given + "' is not an ARM resource id; use /subscriptions/<id>/resourceGroups/<rg>/providers/...");
            }
            r = flag.equals("vault") ? radius.forVault(id, loaded.inventory()) : radius.forSet(id, loaded.inventory());
        }
        out.print(format.equals("json") ? json(r) : table(r));
        return 0;
    }

    static String json(BlastRadius.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("target", r.target());
        JsonArray sets = new JsonArray();
        for (DiskEncryptionSet s : r.diskEncryptionSets()) {
            sets.add(s.id().toString());
        }
        o.add("diskEncryptionSets", sets);
        JsonArray clusters = new JsonArray();
        for (BlastRadius.Dependent d : r.clusters()) {
            JsonObject c = new JsonObject();
            c.addProperty("id", d.clusterId().toString());
            JsonArray pools = new JsonArray();
            d.nodePools().forEach(pools::add);
            c.add("nodePools", pools);
            c.addProperty("via", d.via());
            clusters.add(c);
        }
        o.add("clusters", clusters);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    static String table(BlastRadius.Result r) {
        StringBuilder sb = new StringBuilder("Blast radius of " + r.target() + "\n");
        sb.append(r.diskEncryptionSets().size()).append(" disk encryption set(s), ").append(r.clusters().size())
                .append(" cluster(s) depend on it.\n");
        for (DiskEncryptionSet s : r.diskEncryptionSets()) {
            sb.append("  set      ").append(s.name()).append("  (").append(s.id().resourceGroup()).append(")\n");
        }
        for (BlastRadius.Dependent d : r.clusters()) {
            sb.append("  cluster  ").append(d.name()).append("  via ").append(d.via()).append("  pools: ")
                    .append(d.nodePools().isEmpty() ? "-" : String.join(", ", d.nodePools())).append('\n');
        }
        if (r.clusters().isEmpty()) {
            sb.append("Nothing in this inventory depends on it.\n");
        } else {
            sb.append("Disabling or deleting it stops these clusters from starting nodes or reading their disks.\n");
        }
        return sb.toString();
    }
}
