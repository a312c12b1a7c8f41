package io.byokwatch.testsupport;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where reliability tests write down what they tried and what happened, one JSON file per area under
 * {@code target/reliability/}; {@code ReliabilityReport} turns the files into RELIABILITY.md. Rows are written as the
 * tests observe them (counts come from the run, never from constants), so the report cannot claim what did not run.
 */
public final class Reliability {
    public static final Path DIR = Path.of("target", "reliability");

    private Reliability() {
    }

    /**
     * One row: in {@code area}, {@code tried} was exercised {@code cases} times, {@code happened} summarises the
     * observed outcomes, {@code lost} says what (if anything) was lost: alerts, events, state.
     */
    public static synchronized void record(String area, String tried, int cases, String happened, String lost) {
        Path file = DIR.resolve(slug(area) + ".json");
        try {
            Files.createDirectories(DIR);
            JsonObject o = Files.exists(file)
                    ? JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject()
                    : new JsonObject();
            o.addProperty("area", area);
            JsonObject rows = o.has("rows") ? o.getAsJsonObject("rows") : new JsonObject();
            JsonObject row = new JsonObject();
            row.addProperty("tried", tried);
            row.addProperty("cases", cases);
            row.addProperty("happened", happened);
            row.addProperty("lost", lost);
            rows.add(tried, row);
            o.add("rows", rows);
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts outcomes by label, e.g. "400 with a reason", and prints them as "12× 400 with a reason, 3× skipped". */
    public static final class Tally {
        private final Map<String, Integer> counts = new TreeMap<>();
        private int total;

        public synchronized void add(String outcome) {
            counts.merge(outcome, 1, Integer::sum);
            total++;
        }

        public synchronized int total() {
            return total;
        }

        public synchronized int count(String outcome) {
            return counts.getOrDefault(outcome, 0);
        }

        @Override
        public synchronized String toString() {
            StringBuilder sb = new StringBuilder();
            counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append("× ").append(k));
            return sb.toString();
        }
    }

    private static String slug(String area) {
        return area.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
