package io.byokwatch.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShortRun_printsNothing_aLongOne_redrawsInPlace_atMostFiveTimesASecond_andErasesItself() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "evaluating clusters", now::get);
        p.step(1, 1000);
        now.set(900 * MS);
        p.step(2, 1000);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing in the first second");
        now.set(1000 * MS);
        p.step(3, 1000);
        now.set(1100 * MS);
        p.step(4, 1000);
        now.set(1250 * MS);
        p.step(500, 1000);
        p.step(1000, 1000);
        p.done();
        String shown = err.toString(StandardCharsets.UTF_8);
        assertEquals("\revaluating clusters 3/1000 (0%)\u001b[K\revaluating clusters 500/1000 (50%)\u001b[K"
                + "\revaluating clusters 1000/1000 (100%)\u001b[K\r\u001b[K", shown);
    }

    @Test
    void disabled_printsNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintStream(err), false, "x", now::get);
        now.set(5000 * MS);
        p.step(1, 2);
        p.done();
        assertEquals(0, err.size());
    }
}
