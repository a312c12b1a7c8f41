package io.byokwatch.config;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Field reading shared by the configuration files: every problem at once, each with its path. */
class ConfigReaderTest {
    private static JsonObject json(String text) {
        return StrictJson.parse(text).getAsJsonObject();
    }

    @Test
    void everyProblemIsCollected_withItsPath_andTheFileIsSummarisedOnce() {
        ConfigReader r = new ConfigReader();
        JsonObject o = json("{\"name\": \"  \", \"on\": \"yes\", \"n\": 30.5, \"list\": [\"a\", 3], \"typo\": 1}");
        r.unknownFields(o, Set.of("name", "on", "n", "list"), "", "setting");
        assertNull(r.text(o, "name", "name"));
        assertTrue(r.bool(o, "on", "on", true));
        assertEquals(7, r.integer(o, "n", "n", 7, 1, 10));
        assertEquals(List.of("a"), r.strings(o.get("list"), "list", false));
        assertEquals(List.of(
                "typo: unknown setting; expected one of list, n, name, on",
                "name: expected a non-empty string, found \"  \"",
                "on: expected true or false, found \"yes\"",
                "n: expected a whole number from 1 to 10, found 30.5",
                "list: expected non-empty strings only, found 3"), r.problems());
        assertTrue(r.summary("x.json").startsWith("x.json has 5 problems:\n  typo: "), r.summary("x.json"));
    }

    @Test
    void absentOptionalFields_readAsDefaults_withoutProblems() {
        ConfigReader r = new ConfigReader();
        JsonObject o = json("{}");
        assertNull(r.optionalText(o, "x", "x"));
        assertNull(r.object(o, "x", "x"));
        assertFalse(r.bool(o, "x", "x", false));
        assertEquals(List.of(), r.strings(null, "x", false));
        assertFalse(r.hasProblems());
    }

    @Test
    void aBlankTagValue_isAllowedOnlyWhereAskedFor() {
        ConfigReader r = new ConfigReader();
        assertEquals(List.of(""), r.strings(json("{\"v\": [\"\"]}").get("v"), "v", true));
        assertFalse(r.hasProblems());
    }

    @Test
    void aMisplacedUrlOrLongValue_isDescribed_notEchoed() {
        ConfigReader r = new ConfigReader();
        JsonObject o = json("{\"hourUtc\": \"https://hooks.slack.com/services/T000/B000/abcdefghijklmnop\","
                + " \"maxAttempts\": \"a-very-long-value-that-might-be-a-secret-0123456789\"}");
        r.integer(o, "hourUtc", "hourUtc", 8, 0, 23);
        r.integer(o, "maxAttempts", "maxAttempts", 8, 1, 50);
        String all = String.join("\n", r.problems());
        assertFalse(all.contains("hooks.slack.com") || all.contains("secret"), all);
        assertTrue(all.contains("found a string of 59 characters"), all);
    }
}
