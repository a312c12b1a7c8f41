package io.byokwatch.bootstrap;

import io.byokwatch.adapter.snapshot.InventoryFiles;
import io.byokwatch.adapter.snapshot.Snapshot;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.snapshot.SnapshotLoader;
import io.byokwatch.port.Inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads an inventory from files and turns load problems into notes a person can act on. */
public final class FileInventory {

    /** The inventory, what went wrong while reading it, and how many resources it holds. */
    public record Loaded(Inventory inventory, List<String> problems, List<String> notes, int resources) {
    }

    private FileInventory() {
    }

    /** Throws IllegalArgumentException for a path that does not exist. */
    public static Loaded load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("inventory path " + path + " does not exist; point --inventory at a JSON file or a folder of them");
        }
        InventoryFiles files = InventoryFiles.walk(path);
        Snapshot snapshot = SnapshotLoader.load(files);
        List<String> problems = new ArrayList<>();
        snapshot.problems().forEach(p -> problems.add(p.toString()));
        List<String> notes = new ArrayList<>();
        int skipped = 0;
        for (Map.Entry<String, Integer> e : snapshot.skippedTypes().entrySet()) {
            skipped += e.getValue();
            notes.add("skipped " + e.getValue() + " resource" + (e.getValue() == 1 ? "" : "s") + " of type " + e.getKey());
        }
        int resources = snapshot.resourceCount();
        notes.add(0, "read " + count(snapshot.files(), "file") + ", " + count(resources, "resource")
                + (skipped > 0 ? ", " + skipped + " skipped" : "") + (problems.isEmpty() ? "" : ", " + count(problems.size(), "problem")));
        // which files and folders were read and which were not, and why: nothing under --inventory is left out unsaid
        notes.add(1, files.summary());
        SnapshotInventory inventory = new SnapshotInventory(snapshot);
        notes.addAll(inventory.notes());
        return new Loaded(inventory, problems, notes, resources);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
