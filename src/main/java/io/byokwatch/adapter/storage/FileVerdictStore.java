package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded verdict store: one JSON file per cluster in a folder (by default {@code <state>/verdicts}).
 *
 * <p>Writers hold a folder-wide lock file for the few milliseconds of a compare-and-set, which makes the check and the
 * write atomic across threads and across processes sharing the folder (two {@code serve} processes). Readers take no
 * lock: every file is replaced by an atomic rename, so a reader sees the old or the new verdict, never a mix.
 *
 * <p>A version is {@code <generation>-<random>}: the generation counts writes for people reading the files, the random
 * part makes a version unique even after the verdict is deleted and created again, so a writer holding a version from
 * before the delete cannot win against the new verdict (a content hash would let two identical writes both win).
 */
public final class FileVerdictStore implements VerdictStore {
    private static final System.Logger LOG = System.getLogger(FileVerdictStore.class.getName());
    private static final String SUFFIX = ".json";
    private static final int READABLE_NAME_MAX = 40;

    private final Path dir;
    private final FileMutex writers;
    private final SecureRandom random = new SecureRandom();

    /** Uses (and creates) {@code dir}; several stores, in one process or several, may share it. */
    public FileVerdictStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the verdict folder " + dir + ": " + e.getMessage(), e);
        }
        this.writers = new FileMutex(dir.resolve(".lock"));
        AtomicFiles.removeStaleTemps(dir);
    }

    @Override
    public Optional<StoredVerdict> get(ResourceId clusterId) {
        return readIfSound(fileFor(clusterId), clusterId);
    }

    @Override
    public String write(StoredVerdict v) {
        Path file = fileFor(v.clusterId());
        return writers.withLock(() -> {
            Optional<StoredVerdict> current = readIfSound(file, v.clusterId());
            String currentVersion = current.map(StoredVerdict::version).orElse(null);
            if (!Objects.equals(currentVersion, v.version())) {
                return null;
            }
            String next = nextVersion(currentVersion);
            AtomicFiles.write(file, VerdictFileFormat.write(v, next));
            return next;
        });
    }

    @Override
    public boolean delete(ResourceId clusterId, String version) {
        Objects.requireNonNull(version, "version");
        Path file = fileFor(clusterId);
        return writers.withLock(() -> {
            Optional<StoredVerdict> current = readIfSound(file, clusterId);
            if (current.isEmpty() || !current.get().version().equals(version)) {
                return false;
            }
            Files.delete(file);
            return true;
        });
    }

    @Override
    public List<StoredVerdict> all() {
        List<StoredVerdict> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[!.]*" + SUFFIX)) {
            for (Path file : files) {
                readIfSound(file, null).filter(v -> isNamedFor(file, v)).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the verdict folder " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A file whose name is not its cluster's (copied or renamed by hand) is invisible to get() and put(). */
    private boolean isNamedFor(Path file, StoredVerdict v) {
        Path expected = fileFor(v.clusterId()).getFileName();
        if (expected.equals(file.getFileName())) {
            return true;
        }
        damaged(file, "it holds cluster " + v.clusterId() + ", whose file is " + expected);
        return false;
    }

    /**
     * The file for a cluster: a hash of the lower-cased id, so every spelling of the id lands on one file and any id
     * makes a legal file name, then the cluster name so that a person can find a cluster in the folder.
     */
    Path fileFor(ResourceId clusterId) {
        String hash = Hashes.sha256Hex(clusterId.key()).substring(0, 32);
        String readable = clusterId.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (readable.length() > READABLE_NAME_MAX) {
            readable = readable.substring(0, READABLE_NAME_MAX);
        }
        return dir.resolve(hash + "-" + readable + SUFFIX);
    }

    /**
     * Reads one file; a missing file is absent, and so is a damaged one, after saying which file and why. When
     * {@code expected} is given, a file holding another cluster (a hash collision, or a file copied by hand) is
     * damaged too.
     */
    private Optional<StoredVerdict> readIfSound(Path file, ResourceId expected) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return damaged(file, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read verdict file " + file + ": " + e.getMessage(), e);
        }
        StoredVerdict v;
        try {
            v = VerdictFileFormat.read(text);
        } catch (RuntimeException e) {
            return damaged(file, text.isEmpty() ? "empty file"
                    : e instanceof BadRecordException ? e.getMessage() : e.toString());
        }
        if (expected != null && !expected.equals(v.clusterId())) {
            return damaged(file, "it holds cluster " + v.clusterId() + ", not " + expected);
        }
        return Optional.of(v);
    }

    private static Optional<StoredVerdict> damaged(Path file, String reason) {
        LOG.log(Level.WARNING, "Ignoring damaged verdict file {0}: {1}. It counts as no stored verdict; the next"
                + " evaluation of the cluster writes a sound file.", file, reason);
        return Optional.empty();
    }

    private String nextVersion(String current) {
        long generation = 1;
        if (current != null) {
            int dash = current.indexOf('-');
            try {
                generation = Long.parseLong(dash < 0 ? current : current.substring(0, dash)) + 1;
            } catch (NumberFormatException e) {
                generation = 1;
            }
        }
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        return generation + "-" + HexFormat.of().formatHex(nonce);
    }
}
