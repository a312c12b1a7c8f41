package io.byokwatch.cli;

import io.byokwatch.adapter.snapshot.Snapshot;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.BlastRadius;
import io.byokwatch.app.BlastRadiusTargets;
import io.byokwatch.app.BlastRadiusTargets.Scope;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.render.blast.BlastRadiusJson;
import io.byokwatch.render.blast.BlastRadiusText;
import io.byokwatch.render.blast.InventoryCoverage;
import io.byokwatch.render.blast.RevocationRunbook;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code byokwatch blast-radius}: what breaks if this key, vault or set goes away. Used in an incident, so it never
 * answers for a target the inventory does not hold (exit 2 with the closest names), never picks one of several
 * resources a name fits (it lists them), and never says "nothing depends on it" about an inventory it could not read
 * completely (exit 1).
 */
@Command(name = "blast-radius", sortOptions = false,
        description = {"Before disabling a key in an incident: what depends on a key, vault, disk encryption set or",
                "user-assigned identity (whose clusters' API servers stop through KMS). TARGET is a vault name or host,",
                "vault/key, a set or identity name, a key URL (with or without its version) or a full ARM id.",
                "--format markdown prints the revocation runbook: what stops and when, and the commands to disable,",
                "restore and verify."},
        customSynopsis = {"byokwatch blast-radius --inventory PATH",
                "                       (TARGET | --key URL | --vault ID | --des ID | --identity ID)",
                "                       [--format table|json|markdown] [--output FILE] [--now ISO-8601]"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the answer is complete", "1:files could not be read: more may depend on the target than listed",
                "2:usage error, unreadable inventory, or a target the inventory does not hold or several resources fit"})
final class BlastRadiusCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json", "markdown");

    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    static final class Target {
        @Parameters(paramLabel = "TARGET", arity = "0..1", description = "What to look up, of any kind.")
        String any;

        @Option(names = "--key", paramLabel = "URL", description = "Only keys: a key URL, vault/key, or a key's ARM id.")
        String key;

        @Option(names = "--vault", paramLabel = "ID", description = "Only vaults: an ARM id, a name or a host.")
        String vault;

        @Option(names = "--des", paramLabel = "ID", description = "Only disk encryption sets: an ARM id or a name.")
        String des;

        @Option(names = "--identity", paramLabel = "ID",
                description = "Only user-assigned identities (a KMS cluster's or a set's): an ARM id or a name.")
        String identity;
    }

    static final class Output {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Formats.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); markdown is the revocation runbook.")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout (- is stdout).")
        String output;

        @Option(names = "--now", paramLabel = "ISO-8601", description = "The time the runbook is written at (default: now).")
        String now;
    }

    @Option(names = "--inventory", paramLabel = "PATH", order = 0, description = "A JSON file or a folder of them.")
    String inventory;

    @ArgGroup(validate = false, heading = "%nTarget (exactly one):%n", order = 1)
    Target target = new Target();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 2)
    Output output = new Output();

    private final PrintStream out;
    private final PrintStream err;

    BlastRadiusCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
    }

    @Override
    public Integer call() {
        String format = Flags.choice("--format", output.format, FORMATS);
        long given = Stream.of(target.any, target.key, target.vault, target.des, target.identity).filter(Objects::nonNull).count();
        if (given != 1) {
            throw new UsageException("blast-radius needs exactly one target: TARGET, --key URL, --vault ID, --des ID or"
                    + " --identity ID");
        }
        Instant now = output.now != null ? Times.parse("now", output.now) : Instant.now();
        String path = Flags.required("blast-radius", "--inventory", inventory, "examples/estate");
        FileInventory.Loaded loaded;
        try {
            loaded = FileInventory.load(Path.of(path));
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("warning: " + p));
        if (loaded.resources() == 0 && loaded.problems().isEmpty()) {
            throw new InputException("no Azure resources found in " + path + "; expected ARM or az JSON for managed clusters,"
                    + " disk encryption sets, vaults and keys");
        }
        BlastRadius.Result r = radius(loaded);
        InventoryCoverage coverage = new InventoryCoverage(path, loaded.problems());
        String text = switch (format) {
            case "json" -> BlastRadiusJson.render(r, coverage);
            case "markdown" -> RevocationRunbook.render(r, coverage, now);
            default -> BlastRadiusText.render(r, coverage);
        };
        OutputFile.write(output.output, text, out, err);
        return coverage.complete() ? 0 : 1;
    }

    private BlastRadius.Result radius(FileInventory.Loaded loaded) {
        Snapshot s = loaded.inventory() instanceof SnapshotInventory si ? si.snapshot() : null;
        BlastRadiusTargets targets = new BlastRadiusTargets(s == null ? List.of() : s.vaults(), s == null ? List.of() : s.keys(),
                s == null ? List.of() : s.diskEncryptionSets(), loaded.inventory().clusters());
        String flag = target.key != null ? "--key" : target.vault != null ? "--vault" : target.des != null ? "--des"
                : target.identity != null ? "--identity" : "TARGET";
        String text = Stream.of(target.any, target.key, target.vault, target.des, target.identity).filter(Objects::nonNull)
                .findFirst().orElseThrow();
        Scope scope = switch (flag) {
            case "--key" -> Scope.KEY;
            case "--vault" -> Scope.VAULT;
            case "--des" -> Scope.SET;
            case "--identity" -> Scope.IDENTITY;
            default -> Scope.ANY;
        };
        BlastRadiusTargets.Resolution resolution = targets.resolve(text, scope);
        BlastRadius radius = new BlastRadius();
        if (resolution instanceof BlastRadiusTargets.Found f) {
            if (f.key() != null) {
                return radius.forKey(f.key().ref(), loaded.inventory());
            }
            if (f.set() != null) {
                return radius.forSet(f.set().id(), loaded.inventory());
            }
            if (f.identity() != null) {
                return radius.forIdentity(f.identity().id(), loaded.inventory());
            }
            Set<String> hosts = new LinkedHashSet<>(List.of(f.vault().host()));
            if (f.vault().id() != null) {
                hosts.addAll(BlastRadius.hostsFor(f.vault().id()));
            }
            return radius.forVaultHosts(f.vault().id() != null ? f.vault().id().toString() : f.vault().host(), hosts, loaded.inventory());
        }
        if (resolution instanceof BlastRadiusTargets.Ambiguous a) {
            List<String> lines = new ArrayList<>(a.candidates());
            lines.add("give the one you mean by its id, vault/key or key URL");
            throw new InputException(flag + " '" + text + "' fits " + a.candidates().size() + " resources in the inventory:", lines);
        }
        BlastRadiusTargets.NotFound nf = (BlastRadiusTargets.NotFound) resolution;
        List<String> lines = new ArrayList<>();
        if (!nf.closest().isEmpty()) {
            lines.add("the closest in the inventory:");
            nf.closest().forEach(c -> lines.add("  " + c));
        }
        if (!loaded.problems().isEmpty()) {
            lines.add("and " + loaded.problems().size() + " file problem(s) above may hide it");
        }
        throw new InputException(nf.reason() + "; no answer is given for a target the inventory does not hold", lines);
    }
}
