package io.byokwatch.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionsTest {
    private static final List<String> FLAGS = List.of("--inventory", "--policy", "--format", "--fail-on", "--output", "--now");

    @Test
    void aSlipOfOneOrTwoLetters_findsTheName() {
        assertEquals(List.of("--inventory"), Suggestions.closest("--inventry", FLAGS));
        assertEquals(List.of("--format"), Suggestions.closest("--fromat", FLAGS), "a swap is one slip");
        assertEquals(List.of("--inventory"), Suggestions.closest("--INVENTORY", FLAGS));
        assertEquals(List.of("--policy"), Suggestions.closest("--polcy", FLAGS));
    }

    @Test
    void anotherWord_suggestsNothing() {
        assertEquals(List.of(), Suggestions.closest("--verbose", FLAGS));
        assertEquals(List.of(), Suggestions.closest("--x", FLAGS));
        assertEquals(List.of(), Suggestions.closest("frobnicate", List.of("scan", "rules", "serve")));
    }

    @Test
    void equallyClose_namesAreAllOffered() {
        assertEquals(List.of("kv-pay-prod", "kv-pay-prd2"), Suggestions.closest("kv-pay-prd", List.of("kv-pay-prod", "kv-pay-prd2", "kv-web")));
    }
}
