package io.byokwatch.adapter.storage;

import io.byokwatch.port.DeadLetters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Dead letters as files in the state folder ({@code <state>/deadletter}), one per alert and channel, named so that a
 * listing sorts oldest first and says which alert and channel it is. A person reads them, fixes the channel, and
 * re-sends the {@code body}.
 */
public final class FileDeadLetters implements DeadLetters {
    private static final System.Logger LOG = System.getLogger(FileDeadLetters.class.getName());

    private final Path dir;

    public FileDeadLetters(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dead-letter folder " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.removeStaleTemps(dir);
    }

    @Override
    public void add(DeadLetter d) {
        String name = d.at().toEpochMilli() + "-" + safe(d.alertId()) + "-" + safe(d.channel()) + ".json";
        try {
            AtomicFiles.write(dir.resolve(name), DeliveryRecords.write(d));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DeadLetter> recent(int max) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*.json")) {
            all.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list dead letters in " + dir + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        List<DeadLetter> out = new ArrayList<>();
        for (Path f : files) {
            if (out.size() == max) {
                break;
            }
            try {
                out.add(DeliveryRecords.deadLetter(Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException | BadRecordException e) {
                LOG.log(Level.WARNING, "Skipping unreadable dead letter {0}: {1}", f, e.getMessage());
            }
        }
        return out;
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
        return t.length() > 64 ? t.substring(0, 64) : t;
    }
}
