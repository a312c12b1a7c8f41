package io.byokwatch.kpi;

import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate of the Key Vault cost of AKS encryption in the window: the operations on the keys clusters depend on,
 * the monthly charge of HSM-protected keys and scheduled rotations, priced with {@code prices}. An estimate, always
 * labelled so: list prices, no discounts, operations as the source counted them.
 *
 * @param source  where the operation counts came from ({@code audit-logs}, {@code metrics}) or {@code none}
 * @param lines   per vault, key and month; vault-wide counts have a null key
 * @param byVault total per vault, largest first
 */
public record CostFigures(PriceTable prices, String source, List<Line> lines, Map<String, Double> byVault, double total,
                         List<String> notes) {
    public CostFigures {
        lines = List.copyOf(lines);
        byVault = Collections.unmodifiableMap(new LinkedHashMap<>(byVault));
        notes = List.copyOf(notes);
    }

    /**
     * @param keyMonths how much of the month the key was held in the window (1.0 for a whole month), for HSM keys
     */
    public record Line(String vault, String key, YearMonth month, long operations, double operationsCost,
                       long rotations, double rotationsCost, double keyMonths, double keyCost) {
        public double total() {
            return operationsCost + rotationsCost + keyCost;
        }
    }
}
