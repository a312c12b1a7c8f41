package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;

import java.nio.file.Path;

/** Where the loader hands what it parsed, in file order: the collector itself, or the read-ahead in front of it. */
interface ParsedSink {
    /** A file that parsed begins; only such a file may say what it lists. */
    void beginFile(Path file);

    void add(Path file, String position, JsonObject resource);

    void problem(LoadProblem problem);

    /**
     * A mapper for one parsing thread, so that mapping runs beside parsing instead of after it; null (the default)
     * when this sink maps what it is given on its own thread.
     */
    default Mapper mapper() {
        return null;
    }

    /** What a {@link #mapper()} made, handed over in order. */
    default void addMapped(Mapped mapped) {
        throw new UnsupportedOperationException("this sink has no mapper");
    }

    /** Maps a parsed object on the thread that parsed it, touching nothing shared. */
    interface Mapper {
        Mapped map(Path file, String position, JsonObject resource);
    }

    /** A mapped object, kept when applied, as the {@code order}-th object read (later wins when records disagree). */
    interface Mapped {
        void applyTo(ResourceCollector collector, int order);
    }
}
