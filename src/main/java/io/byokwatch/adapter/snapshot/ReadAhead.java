package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Parses, and maps when the collector offers a mapper, on other threads while the caller's thread keeps what they
 * made: parsing and mapping JSON is most of the work of loading a large inventory, so files are read by up to
 * {@link #parsers()} threads at once, each file by one thread. What a file's parser hands over travels in batches
 * through a small bounded queue of that file's own, and this thread takes the files in their given order, so the
 * collector sees exactly what it would have seen reading alone. Parsers run at most a few files ahead; a parser that
 * maps hands a file over once it has parsed whole (its mapped records, which the load keeps anyway), one that does not
 * at most a few thousand parsed objects at a time, however large the files are.
 */
final class ReadAhead {
    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 8;
    /** How many files past the one the caller is keeping a parser may start. */
    private static final int FILES_AHEAD = 4;

    private interface Item {
    }

    private record Begin(Path file) implements Item {
    }

    private record Resource(Path file, String position, JsonObject resource) implements Item {
    }

    private record Problem(LoadProblem problem) implements Item {
    }

    private record Premapped(ParsedSink.Mapped mapped) implements Item {
    }

    /** The end of one input, or what stopped its parser (thrown again on the caller's thread). */
    private record End(Throwable failure) {
    }

    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    /** Guarded by {@link #progress}: the next input to claim, and how many the caller has finished. */
    private int next;
    private int finished;
    private volatile boolean abandoned;

    private ReadAhead() {
    }

    /** Parsing threads for a machine: one per core, at most three (keeping records on the caller's thread is light). */
    static int parsers() {
        return Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs {@code parse} on a new thread, feeding its sink, and applies everything it hands over to {@code into} on
     * this thread, in order. Returns when the parser is done; rethrows what the parser threw.
     */
    static void run(Consumer<ParsedSink> parse, ParsedSink into) {
        each(List.of(parse), (p, sink) -> p.accept(sink), into, 1);
    }

    /**
     * Parses each input with {@code parse} on up to {@code parsers} threads and applies what they hand over to
     * {@code into} on this thread, input by input in the given order. Returns when all are done; the first failure in
     * that order, of a parser or of {@code into}, stops the others and is thrown here, after everything before it.
     */
    static <T> void each(List<T> inputs, BiConsumer<T, ParsedSink> parse, ParsedSink into, int parsers) {
        ReadAhead ahead = new ReadAhead();
        int threads = Math.max(1, Math.min(parsers, inputs.size()));
        for (int t = 0; t < threads; t++) {
            Thread parser = new Thread(() -> ahead.parseAll(inputs, parse, into.mapper()), "byokwatch-inventory-parser-" + t);
            parser.setDaemon(true);
            parser.start();
        }
        try {
            for (int i = 0; i < inputs.size(); i++) {
                ahead.lane(i).drain(into);
                ahead.lanes.remove(i);
                synchronized (ahead.progress) {
                    ahead.finished = i + 1;
                    ahead.progress.notifyAll();
                }
            }
        } finally {
            // a failure on this thread: let the parsers stop instead of waiting on queues nobody reads
            ahead.abandoned = true;
            synchronized (ahead.progress) {
                ahead.progress.notifyAll();
            }
            ahead.lanes.values().forEach(l -> l.queue.clear());
        }
    }

    /** @param mapper this thread's mapper, or null to hand over parsed objects for the caller to map */
    private <T> void parseAll(List<T> inputs, BiConsumer<T, ParsedSink> parse, ParsedSink.Mapper mapper) {
        while (true) {
            int i = claim(inputs.size());
            if (i < 0) {
                return;
            }
            Lane lane = lane(i);
            lane.mapper = mapper;
            Throwable failure = null;
            try {
                parse.accept(inputs.get(i), lane);
            } catch (Throwable t) {
                failure = t;
            }
            lane.flush();
            lane.put(new End(failure));
            if (failure != null) {
                return; // the caller throws it on reaching this input; nothing after it is needed
            }
        }
    }

    /** The next input to parse, once it is within reach of what the caller is keeping; -1 when none is left or we stop. */
    private int claim(int inputs) {
        synchronized (progress) {
            while (!abandoned && next < inputs && next >= finished + FILES_AHEAD) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abandoned = true;
                }
            }
            return abandoned || next >= inputs ? -1 : next++;
        }
    }

    private Lane lane(int input) {
        return lanes.computeIfAbsent(input, k -> new Lane());
    }

    /** One input's way from its parser to the caller. */
    private final class Lane implements ParsedSink {
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        private List<Item> batch = new ArrayList<>(BATCH);
        /** Set by the parsing thread before it feeds this lane. */
        private ParsedSink.Mapper mapper;

        @Override
        public void beginFile(Path file) {
            offer(new Begin(file));
        }

        @Override
        public void add(Path file, String position, JsonObject resource) {
            offer(mapper != null ? new Premapped(mapper.map(file, position, resource)) : new Resource(file, position, resource));
        }

        @Override
        public void problem(LoadProblem problem) {
            offer(new Problem(problem));
        }

        @Override
        public Mapper mapper() {
            return mapper;
        }

        @Override
        public void addMapped(Mapped mapped) {
            offer(new Premapped(mapped));
        }

        private void offer(Item item) {
            batch.add(item);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        private void flush() {
            if (!batch.isEmpty()) {
                put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        private void put(Object message) {
            try {
                while (!abandoned && !queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
                    // the caller is busy with an earlier input: wait for room
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned = true;
            }
        }

        @SuppressWarnings("unchecked")
        private void drain(ParsedSink into) {
            while (true) {
                Object message;
                try {
                    message = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the inventory", e);
                }
                if (message instanceof End end) {
                    if (end.failure() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (end.failure() instanceof Error e) {
                        throw e;
                    }
                    if (end.failure() != null) {
                        throw new IllegalStateException(end.failure());
                    }
                    return;
                }
                for (Item item : (List<Item>) message) {
                    if (item instanceof Premapped m) {
                        into.addMapped(m.mapped());
                    } else if (item instanceof Resource r) {
                        into.add(r.file(), r.position(), r.resource());
                    } else if (item instanceof Begin b) {
                        into.beginFile(b.file());
                    } else if (item instanceof Problem p) {
                        into.problem(p.problem());
                    }
                }
            }
        }
    }
}
