package io.byokwatch.bootstrap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.config.ConfigReader;
import io.byokwatch.config.ConfigSyntaxException;
import io.byokwatch.config.StrictJson;
import io.byokwatch.kpi.PriceTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Key Vault price tables: the bundled one (kpi/keyvault-prices.json, dated and sourced) and files given with
 * {@code --prices}, read strictly: unknown fields, missing prices and negative amounts are errors naming the JSON path,
 * all reported together, so a typo never silently prices something at zero.
 */
public final class PriceTables {
    static final String BUNDLED = "kpi/keyvault-prices.json";
    private static final Set<String> TOP = Set.of("description", "asOf", "source", "currency", "operationsPer10k",
            "hsmKeyPerMonth", "scheduledRotation", "$schema");

    private PriceTables() {
    }

    /** The table shipped with byokwatch. */
    public static PriceTable bundled() {
        try (InputStream in = PriceTables.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the byokwatch jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the bundled price table");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table from a file; the message of any problem names the file and the field. */
    public static PriceTable load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read price table " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    static PriceTable parse(String text, String source) {
        JsonElement root;
        try {
            root = StrictJson.parse(text);
        } catch (ConfigSyntaxException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(source + ": a price table is a JSON object like the bundled one, e.g."
                    + " {\"asOf\": \"2026-11-01\", \"source\": \"...\", \"currency\": \"USD\", ...}");
        }
        ConfigReader r = new ConfigReader();
        JsonObject o = root.getAsJsonObject();
        r.unknownFields(o, TOP, "", "field");
        String asOfText = r.text(o, "asOf", "asOf");
        LocalDate asOf = null;
        if (asOfText != null) {
            try {
                asOf = LocalDate.parse(asOfText);
            } catch (DateTimeParseException e) {
                r.problem("asOf", "'" + asOfText + "' is not a date like 2026-11-01");
            }
        }
        String src = r.text(o, "source", "source");
        String currency = r.text(o, "currency", "currency");
        JsonObject ops = r.object(o, "operationsPer10k", "operationsPer10k");
        JsonObject keys = r.object(o, "hsmKeyPerMonth", "hsmKeyPerMonth");
        if (ops != null) {
            r.unknownFields(ops, Set.of("standard", "advanced", "hsm", "hsmAdvanced"), "operationsPer10k.", "price");
        }
        if (keys != null) {
            r.unknownFields(keys, Set.of("rsa2048", "advanced"), "hsmKeyPerMonth.", "price");
        }
        double standard = amount(r, ops, "standard", "operationsPer10k.standard");
        double advanced = amount(r, ops, "advanced", "operationsPer10k.advanced");
        double hsm = amount(r, ops, "hsm", "operationsPer10k.hsm");
        double hsmAdvanced = amount(r, ops, "hsmAdvanced", "operationsPer10k.hsmAdvanced");
        double keyMonth = amount(r, keys, "rsa2048", "hsmKeyPerMonth.rsa2048");
        double advancedKeyMonth = amount(r, keys, "advanced", "hsmKeyPerMonth.advanced");
        double rotation = amount(r, o, "scheduledRotation", "scheduledRotation");
        if (r.hasProblems()) {
            throw new IllegalArgumentException(r.summary(source));
        }
        return new PriceTable(asOf, src, currency, standard, advanced, hsm, hsmAdvanced, keyMonth, advancedKeyMonth, rotation);
    }

    private static double amount(ConfigReader r, JsonObject o, String field, String at) {
        if (o == null) {
            return 0;
        }
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            r.problem(at, "missing; give the list price as a number, e.g. 0.03");
            return 0;
        }
        try {
            double v = e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
            if (v >= 0 && !Double.isInfinite(v)) {
                return v;
            }
        } catch (IllegalStateException | UnsupportedOperationException notNumber) {
            // reported below
        }
        r.problem(at, "expected an amount of at least 0, e.g. 0.03");
        return 0;
    }
}
