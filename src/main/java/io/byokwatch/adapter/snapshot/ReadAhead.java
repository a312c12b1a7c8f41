package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Parses on a second thread while the caller's thread maps: checking and parsing JSON is about half the work of
 * loading a large inventory, and mapping the other half, so on two cores they overlap. What the parser hands over
 * travels in batches through a small bounded queue, in order, so the collector sees exactly what it would have seen
 * reading alone, and at most a few thousand parsed objects wait in memory however large a file is.
 */
final class ReadAhead implements ParsedSink {
    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 8;

    private interface Item {
    }

    private record Begin(Path file) implements Item {
    }

    private record Resource(Path file, String position, JsonObject resource) implements Item {
    }

    private record Problem(LoadProblem problem) implements Item {
    }

    /** The end of the input, or what stopped the parser (thrown again on the caller's thread). */
    private record End(Throwable failure) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private List<Item> batch = new ArrayList<>(BATCH);
    private volatile boolean abandoned;

    private ReadAhead() {
    }

    /**
     * Runs {@code parse} on a new thread, feeding its sink, and applies everything it hands over to {@code into} on
     * this thread, in order. Returns when the parser is done; rethrows what the parser threw.
     */
    static void run(Consumer<ParsedSink> parse, ParsedSink into) {
        ReadAhead ahead = new ReadAhead();
        Thread parser = new Thread(() -> {
            Throwable failure = null;
            try {
                parse.accept(ahead);
            } catch (Throwable t) {
                failure = t;
            }
            ahead.flush();
            ahead.put(new End(failure));
        }, "byokwatch-inventory-parser");
        parser.setDaemon(true);
        parser.start();
        try {
            ahead.drain(into);
        } finally {
            // a mapping failure on this thread: let the parser stop instead of waiting on a queue nobody reads
            ahead.abandoned = true;
            ahead.queue.clear();
        }
    }

    @Override
    public void beginFile(Path file) {
        offer(new Begin(file));
    }

    @Override
    public void add(Path file, String position, JsonObject resource) {
        offer(new Resource(file, position, resource));
    }

    @Override
    public void problem(LoadProblem problem) {
        offer(new Problem(problem));
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
                // the reader is busy mapping: wait for room
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
                if (item instanceof Resource r) {
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
