package io.byokwatch.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordCutTest {
    @Test
    void shortText_isLeftAlone() {
        assertEquals("the key is silent.", WordCut.cut("the key is silent.", 40));
    }

    @Test
    void longText_endsAtTheLastWholeWord_withAnEllipsis() {
        assertEquals("No disk encryption set unwrapped\u2026", WordCut.cut("No disk encryption set unwrapped kv-pay-prod/archive-disk", 40));
    }

    @Test
    void punctuationBeforeTheCut_isDropped() {
        assertEquals("The key, the vault\u2026", WordCut.cut("The key, the vault, and the set are gone", 20));
    }

    @Test
    void oneWordLongerThanTheLimit_isCutWhereItMust() {
        assertEquals("abcdefghi\u2026", WordCut.cut("abcdefghijklmnopqrstuvwxyz", 10));
    }
}
