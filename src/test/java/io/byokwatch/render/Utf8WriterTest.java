package io.byokwatch.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A writer bug that stops consuming its input loops forever: the timeout turns that into a failure. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Utf8WriterTest {
    private static byte[] written(String... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(bytes)) {
            for (String p : parts) {
                w.write(p, 0, p.length());
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void encodesEveryWidthAsTheJdkDoes_acrossItsBufferBoundary() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append("a\u00e9\u2192\uD83D\uDD11");
        }
        String s = text.toString();
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), written(s));
    }

    @Test
    void longAsciiRuns_fillAndDrainTheBufferExactly_inOneWriteOrMany() throws IOException {
        String ascii = "x".repeat(3 * 65_536 + 7);
        assertArrayEquals(ascii.getBytes(StandardCharsets.UTF_8), written(ascii));
        assertArrayEquals((ascii + "\u00e9" + ascii).getBytes(StandardCharsets.UTF_8), written(ascii, "\u00e9", ascii));
        for (int cut = 65_528; cut <= 65_536; cut++) {
            String s = "y".repeat(cut) + "\u2192z";
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), written(s), "cut " + cut);
        }
    }

    @Test
    void aSurrogatePairSplitBetweenTwoWrites_isOneCharacter() throws IOException {
        assertArrayEquals("x\uD83D\uDD11y".getBytes(StandardCharsets.UTF_8), written("x\uD83D", "\uDD11y"));
    }

    @Test
    void loneSurrogates_becomeQuestionMarks_asStringGetBytesWrites_neverAFailedReport() throws IOException {
        String s = "a\uD83Db\uDD11c\uD83D";
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), written(s));
    }

    @Test
    void charsAndSingleCharacters_encodeTheSame() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(bytes)) {
            w.write("\u00e9\u2192".toCharArray(), 0, 2);
            w.write('z');
        }
        assertArrayEquals("\u00e9\u2192z".getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
    }
}
