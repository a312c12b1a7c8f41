package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser's thread hands over everything in order, and a failure on either side ends both. */
class ReadAheadTest {
    private static class Recording implements ParsedSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void beginFile(Path file) {
            seen.add("begin " + file);
        }

        @Override
        public void add(Path file, String position, JsonObject resource) {
            seen.add(file + position + "=" + resource.get("n").getAsInt());
        }

        @Override
        public void problem(LoadProblem problem) {
            seen.add("problem " + problem);
        }
    }

    private static void parse(ParsedSink sink, int files, int perFile) {
        for (int f = 0; f < files; f++) {
            Path file = Path.of("f" + f + ".json");
            sink.beginFile(file);
            for (int i = 0; i < perFile; i++) {
                JsonObject o = new JsonObject();
                o.addProperty("n", i);
                sink.add(file, "[" + i + "]", o);
            }
            sink.problem(new LoadProblem(file, "", "x"));
        }
    }

    @Test
    void everythingArrives_inTheOrderItWasParsed_acrossManyBatches() {
        Recording alone = new Recording();
        parse(alone, 7, 1_000);
        Recording ahead = new Recording();

        ReadAhead.run(sink -> parse(sink, 7, 1_000), ahead);

        assertEquals(alone.seen, ahead.seen);
    }

    @Test
    void aParserFailure_isThrownOnTheCallersThread_afterWhatCameBeforeIt() {
        Recording into = new Recording();
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ReadAhead.run(sink -> {
            parse(sink, 1, 3);
            throw boom;
        }, into));

        assertSame(boom, thrown);
        assertEquals(5, into.seen.size(), "the file begun, its three resources and its problem");
    }

    @Test
    void aMappingFailure_stopsTheParser_insteadOfLeavingItWaiting() throws Exception {
        AtomicBoolean parserDone = new AtomicBoolean();
        Thread[] parser = new Thread[1];
        ParsedSink failing = new Recording() {
            @Override
            public void add(Path file, String position, JsonObject resource) {
                throw new IllegalArgumentException("cannot map");
            }
        };

        assertThrows(IllegalArgumentException.class, () -> ReadAhead.run(sink -> {
            parser[0] = Thread.currentThread();
            parse(sink, 100, 10_000);
            parserDone.set(true);
        }, failing));

        parser[0].join(10_000);
        assertTrue(!parser[0].isAlive(), "the parser thread ended");
    }
}
