package io.byokwatch.infra;

import io.byokwatch.impact.RoutedOperations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Event Grid accepts at most 25 advanced filters and 25 filter values across all of them in one event subscription
 * (learn.microsoft.com/azure/event-grid/event-filtering, "Limitations"); a template over the limit fails to deploy.
 * Every {@code advancedFilters} block of every template is counted, with {@code values} given by a variable resolved in
 * its file, so a new routed operation cannot push the subscription over without a failing test.
 */
class EventFilterLimitsTest {
    private static final int MAX_VALUES = 25;
    private static final int MAX_FILTERS = 25;
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern VALUES = Pattern.compile("\\bvalues\\s*:\\s*(\\[|[A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SINGLE_VALUE = Pattern.compile("\\bvalue\\s*:");

    @Test
    void everyEventSubscription_staysWithinEventGridsFilterLimits() throws IOException {
        List<String> counted = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("infra"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".bicep")).sorted().toList()) {
                String text = Files.readString(f);
                for (int at = text.indexOf("advancedFilters:"); at >= 0; at = text.indexOf("advancedFilters:", at + 1)) {
                    String block = bracketed(text, text.indexOf('[', at));
                    int filters = objects(block).size();
                    int values = 0;
                    for (String filter : objects(block)) {
                        values += values(text, filter, f);
                    }
                    assertTrue(filters <= MAX_FILTERS, f + ": " + filters + " advanced filters");
                    assertTrue(values <= MAX_VALUES, f + ": " + values + " filter values across the advanced filters,"
                            + " Event Grid allows " + MAX_VALUES);
                    counted.add(f.getFileName() + ": " + values);
                }
            }
        }
        assertFalse(counted.isEmpty(), "no advancedFilters found: the templates moved, or this test reads them wrong");
    }

    @Test
    void theResourceEventFilter_countsEveryRoutedOperation() throws IOException {
        String text = Files.readString(Path.of("infra/modules/resource-events.bicep"));
        String block = bracketed(text, text.indexOf('[', text.indexOf("advancedFilters:")));
        assertEquals(RoutedOperations.ALL.size(), values(text, objects(block).get(0), Path.of("resource-events.bicep")));
        assertTrue(RoutedOperations.ALL.size() <= MAX_VALUES);
    }

    /** The filter values one advanced filter carries: a literal list, a variable holding one, or a single value. */
    private static int values(String file, String filter, Path where) {
        Matcher m = VALUES.matcher(filter);
        if (m.find()) {
            String list = m.group(1).equals("[") ? bracketed(filter, m.start(1)) : variable(file, m.group(1), where);
            return quoted(list).size();
        }
        if (SINGLE_VALUE.matcher(filter).find()) {
            return 1;
        }
        fail(where + ": an advanced filter without value or values: " + filter);
        return 0;
    }

    /** A list variable of the file, or one it imports ({@code import {name} from 'other.bicep'}). */
    private static String variable(String file, String name, Path where) {
        Matcher m = Pattern.compile("\\bvar\\s+" + Pattern.quote(name) + "\\s*=\\s*\\[").matcher(file);
        if (m.find()) {
            return bracketed(file, m.end() - 1);
        }
        Matcher imported = Pattern.compile("import\\s*\\{[^}]*\\b" + Pattern.quote(name) + "\\b[^}]*\\}\\s*from\\s*'([^']+)'")
                .matcher(file);
        if (imported.find()) {
            Path other = where.resolveSibling(imported.group(1));
            try {
                return variable(Files.readString(other), name, other);
            } catch (IOException e) {
                fail(where + ": cannot read " + other + ", which '" + name + "' is imported from: " + e.getMessage());
            }
        }
        fail(where + ": filter values come from '" + name + "', which is no list variable of the file or its imports");
        return "";
    }

    private static List<String> quoted(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(list);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The top-level {@code {...}} objects inside a bracketed list. */
    private static List<String> objects(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '{' && depth++ == 0) {
                start = i;
            } else if (c == '}' && --depth == 0) {
                out.add(list.substring(start, i + 1));
            }
        }
        return out;
    }

    /** The text from the bracket at {@code open} to its matching close, quoted strings skipped. */
    private static String bracketed(String text, int open) {
        char o = text.charAt(open);
        char c = o == '[' ? ']' : '}';
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == o) {
                depth++;
            } else if (!quoted && ch == c && --depth == 0) {
                return text.substring(open, i + 1);
            }
        }
        throw new IllegalStateException("unbalanced " + o + " at " + open);
    }
}
