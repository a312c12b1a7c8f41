package io.byokwatch.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

public class TextWrapTest {

    @Test
    void wrapsAtWordsWithAHangingIndent() {
        assertEquals(List.of("- alpha beta", "  gamma delta", "  epsilon"),
                TextWrap.wrap("alpha beta gamma delta epsilon", 13, "- ", "  "));
    }

    @Test
    void cutsAWordLongerThanALine() {
        assertEquals(List.of("> abcdefgh", "  ijklmnop", "  qr end"), TextWrap.wrap("abcdefghijklmnopqr end", 10, "> ", "  "));
    }

    @Test
    void collapsesWhitespaceAndLineBreaks() {
        assertEquals(List.of("a b c"), TextWrap.wrap("  a \n b\t\tc  ", 20, "", ""));
    }

    @Test
    void keepsAPrefixEvenForEmptyText() {
        assertEquals(List.of("x:"), TextWrap.wrap("", 20, "x: ", "   "));
    }

    @Test
    void padsToAColumnWithoutTruncating() {
        assertEquals("ab  ", TextWrap.pad("ab", 4));
        assertEquals("abcdef", TextWrap.pad("abcdef", 4));
    }
}
