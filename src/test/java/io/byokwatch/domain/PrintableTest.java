package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PrintableTest {
    @Test
    void plainText_andNonLatinLetters_passUnchanged() {
        String s = "maria.lopez@contoso.example Zoë 日本 aks-web-1";
        assertSame(s, Printable.line(s));
    }

    @Test
    void newlines_escapes_c1Controls_andBidiOverrides_areWrittenOut() {
        assertEquals("Eve\\x1b[2J\\nbyokwatch: forged", Printable.line("Eve\u001b[2J\nbyokwatch: forged"));
        assertEquals("a\\rb\\tc\\x00d\\x7fe\\x9bf", Printable.line("a\rb\tc\u0000d\u007fe\u009bf"));
        assertEquals("admin\\u202etxt.exe\\u2028x", Printable.line("admin\u202etxt.exe\u2028x"));
    }

    @Test
    void lines_keepsTheLineBreaksBetweenLines_andNeutralisesWithinEach() {
        assertEquals("one\ntwo \\x1b[31m\nthree", Printable.lines("one\r\ntwo \u001b[31m\nthree"));
    }
}
