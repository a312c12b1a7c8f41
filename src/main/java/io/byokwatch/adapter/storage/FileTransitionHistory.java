package io.byokwatch.adapter.storage;

import io.byokwatch.domain.Transition;
import io.byokwatch.port.TransitionHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The embedded transition history: one JSON-lines file per month ({@code transitions-2026-11.jsonl}) in a folder, by
 * default {@code <state>/history}. A person can read it with {@code jq}; the KPIs read only the months they need.
 *
 * <p>Writers append under the folder's lock file, so threads and processes sharing the state folder never interleave
 * lines, and first look the id up in the month's file: a redelivered transition is dropped rather than added twice.
 * The ids already in a file are remembered with the file's length, so a write reads only what others appended since.
 * A crash mid-append leaves a line without its newline; the next writer ends it first, so the damage stays one line
 * that readers report and skip.
 *
 * <p>Whole months older than the retention are deleted when a month is first written in this process; a month that
 * straddles the cutoff is trimmed by {@link #purgeBefore}.
 */
public final class FileTransitionHistory implements TransitionHistory {
    private static final System.Logger LOG = System.getLogger(FileTransitionHistory.class.getName());
    private static final String PREFIX = "transitions-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final Duration retention;
    private final FileMutex writers;
    private final Map<YearMonth, KnownIds> known = new HashMap<>();
    private final Set<YearMonth> retentionChecked = new HashSet<>();

    /** Uses (and creates) {@code dir}, keeping {@link #DEFAULT_RETENTION}. */
    public FileTransitionHistory(Path dir) {
        this(dir, DEFAULT_RETENTION);
    }

    public FileTransitionHistory(Path dir, Duration retention) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.retention = Objects.requireNonNull(retention, "retention");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the history folder " + dir + ": " + e.getMessage(), e);
        }
        this.writers = new FileMutex(dir.resolve(".lock"));
    }

    /** The ids in one month file and how many bytes of it they were read from. */
    private static final class KnownIds {
        long length;
        final Set<String> ids = new HashSet<>();
    }

    @Override
    public void record(Transition t) {
        YearMonth month = TransitionFormat.month(t.detectedAt());
        Path file = fileFor(month);
        byte[] line = (TransitionFormat.write(t) + "\n").getBytes(StandardCharsets.UTF_8);
        boolean firstOfMonth;
        synchronized (this) {
            firstOfMonth = retentionChecked.add(month);
        }
        if (firstOfMonth) {
            dropMonthsBefore(YearMonth.from(t.detectedAt().minus(retention).atOffset(ZoneOffset.UTC)));
        }
        writers.withLock(() -> {
            synchronized (this) {
                KnownIds ids = catchUp(month, file);
                if (ids.ids.contains(t.id())) {
                    return null;
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    if (ch.size() > 0 && !endsWithNewline(file, ch.size())) {
                        write(ch, new byte[]{'\n'});
                    }
                    write(ch, line);
                    // an acknowledged transition must survive a power cut, like the verdict it goes with
                    ch.force(false);
                    ids.ids.add(t.id());
                    ids.length = ch.size();
                }
                return null;
            }
        });
    }

    @Override
    public List<Transition> read(Instant from, Instant to) {
        Map<String, Transition> byId = new LinkedHashMap<>();
        for (YearMonth m = TransitionFormat.month(from); !m.isAfter(TransitionFormat.month(to)); m = m.plusMonths(1)) {
            for (Transition t : readMonth(fileFor(m))) {
                if (!t.detectedAt().isBefore(from) && t.detectedAt().isBefore(to)) {
                    byId.putIfAbsent(t.id(), t);
                }
            }
        }
        List<Transition> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(Transition::detectedAt).thenComparing(Transition::id));
        return out;
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        YearMonth boundary = TransitionFormat.month(cutoff);
        int dropped = dropMonthsBefore(boundary);
        Path file = fileFor(boundary);
        dropped += writers.withLock(() -> {
            synchronized (this) {
                List<Transition> all = readMonth(file);
                List<Transition> kept = all.stream().filter(t -> !t.detectedAt().isBefore(cutoff)).toList();
                if (kept.size() == all.size()) {
                    return 0;
                }
                StringBuilder text = new StringBuilder();
                kept.forEach(t -> text.append(TransitionFormat.write(t)).append('\n'));
                AtomicFiles.write(file, text.toString());
                known.remove(boundary);
                return all.size() - kept.size();
            }
        });
        return dropped;
    }

    /** Deletes the files of whole months before {@code first}; returns how many entries they held. */
    private int dropMonthsBefore(YearMonth first) {
        int dropped = 0;
        for (Map.Entry<YearMonth, Path> e : monthFiles().entrySet()) {
            if (e.getKey().isBefore(first)) {
                dropped += readMonth(e.getValue()).size();
                try {
                    Files.deleteIfExists(e.getValue());
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot delete expired history file " + e.getValue() + ": " + ex.getMessage(), ex);
                }
                synchronized (this) {
                    known.remove(e.getKey());
                }
                LOG.log(Level.INFO, "Deleted history file {0}: older than the retention.", e.getValue());
            }
        }
        return dropped;
    }

    private Map<YearMonth, Path> monthFiles() {
        Map<YearMonth, Path> out = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    out.put(YearMonth.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), f);
                } catch (DateTimeParseException notOurs) {
                    // a file someone put here by hand: not a month of history
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the history folder " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Brings the remembered ids of a month up to the file as it is now; called under the lock. */
    private KnownIds catchUp(YearMonth month, Path file) throws IOException {
        KnownIds ids = known.computeIfAbsent(month, m -> new KnownIds());
        long size = Files.exists(file) ? Files.size(file) : 0;
        if (size < ids.length) {
            // rewritten by a purge in another process: start over
            ids.ids.clear();
            ids.length = 0;
        }
        if (size == ids.length) {
            return ids;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) (size - ids.length));
            while (buf.hasRemaining() && ch.read(buf, ids.length + buf.position()) >= 0) {
                // keep reading until the tail is in
            }
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            for (String l : tail.split("\n")) {
                String id = idOf(l);
                if (id != null) {
                    ids.ids.add(id);
                }
            }
        }
        ids.length = size;
        return ids;
    }

    private static String idOf(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return TransitionFormat.read(line).id();
        } catch (BadRecordException e) {
            return null;
        }
    }

    private List<Transition> readMonth(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read history file " + file + ": " + e.getMessage(), e);
        }
        List<Transition> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(TransitionFormat.read(lines.get(i)));
            } catch (BadRecordException e) {
                LOG.log(Level.WARNING, "Skipping damaged history line {0}:{1}: {2}.", file, i + 1, e.getMessage());
            }
        }
        return out;
    }

    private static boolean endsWithNewline(Path file, long size) throws IOException {
        try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            r.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    Path fileFor(YearMonth month) {
        return dir.resolve(PREFIX + month + SUFFIX);
    }
}
