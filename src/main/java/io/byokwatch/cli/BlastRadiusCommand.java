package io.byokwatch.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.BlastRadius;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code byokwatch blast-radius}: what breaks if this key, vault or set goes away. */
final class BlastRadiusCommand {
    private final PrintStream out;
    private final PrintStream err;

    BlastRadiusCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args args = new Args("blast-radius", argv, Set.of("inventory", "key", "vault", "des", "format"), Set.of(), Set.of());
        String format = args.choice("format", "table", List.of("table", "json"));
        long targets = List.of("key", "vault", "des").stream().filter(args::has).count();
        if (targets != 1) {
            throw new UsageException("blast-radius needs exactly one of --key URL, --vault ID or --des ID");
        }
        FileInventory.Loaded loaded;
        try {
            loaded = FileInventory.load(java.nio.file.Path.of(args.required("inventory", "examples/estate")));
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("warning: " + p));
        BlastRadius radius = new BlastRadius();
        BlastRadius.Result r;
        if (args.has("key")) {
            KeyRef key = KeyRef.orNull(args.get("key"));
            if (key == null) {
                throw new UsageException("--key '" + args.get("key") + "' is not a key URL; use https://<vault>.vault.azure.net/keys/<name>[/<version>]");
            }
            r = radius.forKey(key, loaded.inventory());
        } else {
            String flag = args.has("vault") ? "vault" : "des";
            ResourceId id = ResourceId.orNull(args.get(flag));
            if (id == null) {
                throw new UsageException("--" + flag + " '" + args.get(flag) + "' is not an ARM resource id; use /subscriptions/<id>/resourceGroups/<rg>/providers/...");
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
