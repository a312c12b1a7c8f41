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
            parseOne(f, sink, perFile);
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

    /** One input per file of {@link #parse}, parsed by whichever parser thread takes it. */
    private static void parseOne(int f, ParsedSink sink, int perFile) {
        Path file = Path.of("f" + f + ".json");
        sink.beginFile(file);
        for (int i = 0; i < perFile; i++) {
            JsonObject o = new JsonObject();
            o.addProperty("n", i);
            sink.add(file, "[" + i + "]", o);
        }
        sink.problem(new LoadProblem(file, "", "x"));
    }

    @Test
    void filesParsedOnSeveralThreads_arriveInTheirGivenOrder_whateverTheirSizes() {
        List<Integer> inputs = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            inputs.add(f);
        }
        Recording expected = new Recording();
        inputs.forEach(f -> parseOne(f, expected, (f % 7) * 700));
        Recording ahead = new Recording();

        ReadAhead.each(inputs, (f, sink) -> parseOne(f, sink, (f % 7) * 700), ahead, 3);

        assertEquals(expected.seen, ahead.seen);
    }

    @Test
    void aMapperPerThread_mapsBesideParsing_andWhatItMadeIsAppliedInOrder() {
        List<String> applied = new ArrayList<>();
        List<String> mappedOn = java.util.Collections.synchronizedList(new ArrayList<>());
        ParsedSink mapping = new Recording() {
            @Override
            public Mapper mapper() {
                return (file, position, resource) -> {
                    mappedOn.add(Thread.currentThread().getName());
                    String text = file + position;
                    return (collector, order) -> applied.add(text);
                };
            }

            @Override
            public void addMapped(Mapped mapped) {
                mapped.applyTo(null, 0);
            }
        };
        List<Integer> inputs = List.of(0, 1, 2, 3, 4, 5);

        ReadAhead.each(inputs, (f, sink) -> parseOne(f, sink, 500), mapping, 2);

        List<String> expected = new ArrayList<>();
        inputs.forEach(f -> {
            for (int i = 0; i < 500; i++) {
                expected.add("f" + f + ".json[" + i + "]");
            }
        });
        assertEquals(expected, applied);
        assertTrue(mappedOn.stream().allMatch(n -> n.startsWith("byokwatch-inventory-parser-")), "mapped by the parsers");
    }

    @Test
    void aFailureInOneFile_isThrownAfterEveryEarlierFile_andNothingLater() {
        Recording into = new Recording();
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ReadAhead.each(List.of(0, 1, 2, 3),
                (f, sink) -> {
                    if (f == 2) {
                        throw boom;
                    }
                    parseOne(f, sink, 300);
                }, into, 2));

        assertSame(boom, thrown);
        assertEquals(2 * 302, into.seen.size(), "files 0 and 1 whole, nothing of 3");
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
