package io.byokwatch.adapter.storage;

import io.byokwatch.port.LeaseLostException;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The embedded outbox: one file per message in a folder (by default {@code <state>/outbox}).
 *
 * <p>File names start with a zero-padded sequence number taken from a counter file, so a sorted listing is enqueue
 * order. Every change (enqueue, lease, ack, release) happens under one folder-wide lock file, which makes the outbox
 * safe for several threads and several processes; a message file is written whole to a temp file and renamed in, so a
 * crash never leaves half a message.
 *
 * <p>Order per partition key is kept strictly: a lease hands out a partition's messages oldest first and never hands
 * out a message while an older one of the same partition is leased or waiting out a release delay. A message that keeps
 * failing therefore holds back its own cluster's later alerts, never other clusters'; the consumer dead-letters it by
 * {@link OutboxMessage#dequeueCount()}.
 */
public final class FileOutbox implements Outbox {
    private static final System.Logger LOG = System.getLogger(FileOutbox.class.getName());
    private static final Pattern MESSAGE_FILE = Pattern.compile("\\d{19}-[0-9a-f]{12}\\.json");
    private static final String DAMAGED_SUFFIX = ".damaged";

    private final Path dir;
    private final Clock clock;
    private final FileMutex mutex;
    private final Path sequenceFile;

    /** Uses (and creates) {@code dir}; the clock decides when leases and release delays run out. */
    public FileOutbox(Path dir, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox folder " + dir + ": " + e.getMessage(), e);
        }
        this.mutex = new FileMutex(dir.resolve(".lock"));
        this.sequenceFile = dir.resolve(".sequence");
        AtomicFiles.removeStaleTemps(dir);
    }

    @Override
    public void enqueue(OutboxMessage m) {
        enqueue(m, Duration.ZERO);
    }

    @Override
    public void enqueue(OutboxMessage m, Duration delay) {
        requireNotNegative(delay, "delay");
        OutboxMessage fresh = new OutboxMessage(m.id(), m.partitionKey(), m.enqueuedAt(), m.body(), 0);
        mutex.withLock(() -> {
            long seq = nextSequence();
            String name = String.format("%019d-%s.json", seq, Hashes.sha256Hex(m.id()).substring(0, 12));
            Instant visibleAt = delay.isZero() ? null : clock.instant().plus(delay);
            AtomicFiles.write(dir.resolve(name), OutboxFileFormat.write(new OutboxFileFormat.Entry(fresh, visibleAt, null)));
            return null;
        });
    }

    @Override
    public List<Lease> lease(int max, Duration visibility) {
        if (max < 1) {
            throw new IllegalArgumentException("lease at least one message, not " + max);
        }
        requireNotNegative(visibility, "visibility");
        return mutex.withLock(() -> {
            Instant now = clock.instant();
            List<Lease> leased = new ArrayList<>();
            Set<String> heldBack = new HashSet<>();
            for (Path file : messageFilesInOrder()) {
                if (leased.size() == max) {
                    break;
                }
                Optional<OutboxFileFormat.Entry> read = readOrSetAside(file);
                if (read.isEmpty()) {
                    continue;
                }
                OutboxFileFormat.Entry e = read.get();
                String partition = e.message().partitionKey();
                if (heldBack.contains(partition)) {
                    continue;
                }
                // whatever happens to this message, later ones of its partition wait for it
                heldBack.add(partition);
                if (!e.visibleAt(now)) {
                    continue;
                }
                OutboxMessage m = e.message();
                OutboxMessage delivered = new OutboxMessage(m.id(), m.partitionKey(), m.enqueuedAt(), m.body(),
                        m.dequeueCount() + 1);
                String token = UUID.randomUUID().toString();
                AtomicFiles.write(file, OutboxFileFormat.write(
                        new OutboxFileFormat.Entry(delivered, now.plus(visibility), token)));
                leased.add(new Lease(delivered, file.getFileName() + "/" + token));
            }
            return leased;
        });
    }

    @Override
    public Lease renew(Lease lease, Duration visibility) {
        requireNotNegative(visibility, "visibility");
        Receipt r = Receipt.parse(lease.receipt());
        return mutex.withLock(() -> {
            Path file = dir.resolve(r.fileName());
            OutboxFileFormat.Entry current = readOrSetAside(file).orElseThrow(() -> gone(lease));
            requireHeld(current, r, lease);
            AtomicFiles.write(file, OutboxFileFormat.write(
                    new OutboxFileFormat.Entry(current.message(), clock.instant().plus(visibility), current.receipt())));
            return lease;
        });
    }

    @Override
    public void ack(Lease lease) {
        Receipt r = Receipt.parse(lease.receipt());
        mutex.withLock(() -> {
            Path file = dir.resolve(r.fileName());
            OutboxFileFormat.Entry current = readOrSetAside(file).orElseThrow(() -> gone(lease));
            requireHeld(current, r, lease);
            Files.delete(file);
            return null;
        });
    }

    @Override
    public void release(Lease lease, Duration delay) {
        requireNotNegative(delay, "delay");
        Receipt r = Receipt.parse(lease.receipt());
        mutex.withLock(() -> {
            Path file = dir.resolve(r.fileName());
            OutboxFileFormat.Entry current = readOrSetAside(file).orElseThrow(() -> gone(lease));
            requireHeld(current, r, lease);
            AtomicFiles.write(file, OutboxFileFormat.write(
                    new OutboxFileFormat.Entry(current.message(), clock.instant().plus(delay), null)));
            return null;
        });
    }

    @Override
    public long size() {
        try {
            return messageFilesInOrder().size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the outbox folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static LeaseLostException gone(Lease lease) {
        return new LeaseLostException("outbox message " + lease.message().id() + " is gone: it was already acked");
    }

    private static void requireHeld(OutboxFileFormat.Entry current, Receipt r, Lease lease) {
        if (!r.token().equals(current.receipt())) {
            throw new LeaseLostException("the lease on outbox message " + lease.message().id()
                    + " expired and the message was leased again or released; the new holder delivers it");
        }
    }

    private long nextSequence() throws IOException {
        long next;
        try {
            next = Long.parseLong(Files.readString(sequenceFile).trim()) + 1;
        } catch (NoSuchFileException | NumberFormatException e) {
            // a lost or damaged counter must not start again below the messages still waiting: a new message would be
            // handed out before older ones of its cluster (a "resolved" ahead of its "opened")
            next = afterNewestMessage();
            if (next > 1 || e instanceof NumberFormatException) {
                LOG.log(Level.WARNING, "Outbox sequence file {0} was {1}; continuing at {2}, after the newest message.",
                        sequenceFile, e instanceof NoSuchFileException ? "missing" : "damaged", next);
            }
        }
        AtomicFiles.write(sequenceFile, Long.toString(next));
        return next;
    }

    private long afterNewestMessage() throws IOException {
        long newest = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path p : all) {
                // set-aside damaged files count too: their numbers must not be reused for a message beside them
                String name = p.getFileName().toString();
                if (name.length() > 19 && MESSAGE_FILE.matcher(name.replace(DAMAGED_SUFFIX, "")).matches()) {
                    newest = Math.max(newest, Long.parseLong(name.substring(0, 19)));
                }
            }
        }
        return newest + 1;
    }

    private List<Path> messageFilesInOrder() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir,
                p -> MESSAGE_FILE.matcher(p.getFileName().toString()).matches())) {
            all.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /**
     * A damaged message cannot be delivered and would be reported on every lease; it is renamed out of the way (kept
     * for a person to inspect) after saying where and why.
     */
    private Optional<OutboxFileFormat.Entry> readOrSetAside(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.charset.MalformedInputException e) {
            return setAside(file, "not UTF-8 text");
        }
        try {
            return Optional.of(OutboxFileFormat.read(text));
        } catch (BadRecordException e) {
            return setAside(file, e.getMessage());
        }
    }

    private static Optional<OutboxFileFormat.Entry> setAside(Path file, String reason) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        LOG.log(Level.WARNING, "Outbox message file {0} is damaged ({1}); moved it to {2} and skipped it.",
                file, reason, aside);
        return Optional.empty();
    }

    private static void requireNotNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or more, not " + d);
        }
    }

    private record Receipt(String fileName, String token) {
        static Receipt parse(String receipt) {
            int slash = receipt == null ? -1 : receipt.lastIndexOf('/');
            if (slash < 0 || !MESSAGE_FILE.matcher(receipt.substring(0, slash)).matches()) {
                throw new IllegalArgumentException("not a receipt of the file outbox: " + receipt);
            }
            return new Receipt(receipt.substring(0, slash), receipt.substring(slash + 1));
        }
    }
}
