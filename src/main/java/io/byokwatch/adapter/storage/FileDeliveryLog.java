package io.byokwatch.adapter.storage;

import io.byokwatch.port.AlertProgress;
import io.byokwatch.port.ClusterNotices;
import io.byokwatch.port.DeliveryLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The notifier's memory in the state folder ({@code <state>/delivery}): {@code alerts/<hash>.json} per alert being
 * delivered, {@code clusters/<hash>.json} per cluster. Files are replaced atomically; notice writes compare-and-set
 * under a folder lock, so two {@code serve} processes on one state folder cannot both win. A damaged file is reported
 * and treated as absent, as the verdict store does: the worst outcome is an alert shown once more.
 */
public final class FileDeliveryLog implements DeliveryLog {
    private static final System.Logger LOG = System.getLogger(FileDeliveryLog.class.getName());

    private final Path alerts;
    private final Path clusters;
    private final FileMutex writers;

    public FileDeliveryLog(Path dir) {
        Objects.requireNonNull(dir, "dir");
        this.alerts = dir.resolve("alerts");
        this.clusters = dir.resolve("clusters");
        try {
            Files.createDirectories(alerts);
            Files.createDirectories(clusters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the delivery state folder " + dir + ": " + e.getMessage(), e);
        }
        this.writers = new FileMutex(dir.resolve(".lock"));
        AtomicFiles.removeStaleTemps(alerts);
        AtomicFiles.removeStaleTemps(clusters);
    }

    @Override
    public Optional<AlertProgress> progress(String alertId) {
        return read(alerts.resolve(name(alertId))).flatMap(text -> {
            try {
                return Optional.of(DeliveryRecords.progress(text));
            } catch (BadRecordException e) {
                return damaged(alerts.resolve(name(alertId)), e);
            }
        });
    }

    @Override
    public void saveProgress(AlertProgress p) {
        write(alerts.resolve(name(p.alertId())), DeliveryRecords.write(p));
    }

    @Override
    public void forgetProgress(String alertId) {
        try {
            Files.deleteIfExists(alerts.resolve(name(alertId)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete delivery progress of alert " + alertId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ClusterNotices> notices(String clusterKey) {
        return readNotices(clusters.resolve(name(clusterKey)));
    }

    @Override
    public boolean saveNotices(ClusterNotices n) {
        Path file = clusters.resolve(name(n.clusterKey()));
        return writers.withLock(() -> {
            String current = readNotices(file).map(ClusterNotices::version).orElse(null);
            if (!Objects.equals(current, n.version())) {
                return false;
            }
            long next = current == null ? 1 : Long.parseLong(current) + 1;
            AtomicFiles.write(file, DeliveryRecords.write(n, next));
            return true;
        });
    }

    private Optional<ClusterNotices> readNotices(Path file) {
        return read(file).flatMap(text -> {
            try {
                return Optional.of(DeliveryRecords.notices(text, null));
            } catch (BadRecordException e) {
                return damaged(file, e);
            }
        });
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (MalformedInputException e) {
            return Optional.of("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> Optional<T> damaged(Path file, BadRecordException e) {
        LOG.log(Level.WARNING, "Ignoring damaged delivery state file {0} ({1}); it is replaced on the next write.",
                file, e.getMessage());
        return Optional.empty();
    }

    private static String name(String key) {
        return Hashes.sha256Hex(key).substring(0, 32) + ".json";
    }
}
