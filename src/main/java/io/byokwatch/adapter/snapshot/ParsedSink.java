package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;

import java.nio.file.Path;

/** Where the loader hands what it parsed, in file order: the collector itself, or the read-ahead in front of it. */
interface ParsedSink {
    /** A file that parsed begins; only such a file may say what it lists. */
    void beginFile(Path file);

    void add(Path file, String position, JsonObject resource);

    void problem(LoadProblem problem);
}
