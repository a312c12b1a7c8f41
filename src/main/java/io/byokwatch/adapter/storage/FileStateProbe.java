package io.byokwatch.adapter.storage;

import io.byokwatch.port.StateProbe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The file store (BYOKWATCH_STATE=files): its folder exists and can be written, or can be created. */
public final class FileStateProbe implements StateProbe {
    private final Path dir;

    public FileStateProbe(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    @Override
    public List<Store> probe() {
        if (Files.isDirectory(dir)) {
            return List.of(Files.isWritable(dir)
                    ? new Store("state folder", true, "The state folder " + dir + " exists and is writable.", null)
                    : new Store("state folder", false, "The state folder " + dir + " exists but cannot be written.",
                    "Make " + dir + " writable for the user byokwatch runs as, or set BYOKWATCH_STATE_DIR to a folder that is."));
        }
        Path parent = dir;
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return List.of(new Store("state folder", true, "The state folder " + dir + " does not exist yet; byokwatch"
                    + " creates it on first use.", null));
        }
        return List.of(new Store("state folder", false, "The state folder " + dir + " cannot be created.",
                "Set BYOKWATCH_STATE_DIR to a writable folder."));
    }
}
