package io.byokwatch.kpi;

import io.byokwatch.domain.KeyRef;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices the Key Vault work AKS encryption causes: operations on the keys in use, per 10,000 by key kind; the monthly
 * charge of each HSM-protected key, pro rata for the part of a month inside the window; and each scheduled rotation
 * ({@code KeyRotateIfDue}). Managed HSM pools are billed per pool hour, not per operation, so their keys are counted
 * but not priced, and the notes say so.
 */
public final class Cost {
    public static final String ROTATE_IF_DUE = "KeyRotateIfDue";

    private Cost() {
    }

    /**
     * @param counts operation counts on the keys (or vaults) in use; null when no source was given
     * @param source {@code audit-logs} or {@code metrics}
     */
    public static CostFigures compute(List<KeyInUse> keys, List<OperationCount> counts, String source, PriceTable prices,
                                      Instant from, Instant to) {
        Map<String, KeyInUse> byName = new LinkedHashMap<>();
        keys.forEach(k -> byName.put(name(k.key()), k));
        Map<String, long[]> ops = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        notes.add("An estimate at the list prices of " + prices.asOf() + " (" + prices.source() + "): no discounts,"
                + " reservations or taxes; prices differ by region and agreement.");
        if (counts == null) {
            notes.add("No audit logs or metrics were given, so operations are not counted: only HSM key charges are shown."
                    + " Add --logs FILE or --workspace ID (or run live for the ServiceApiHit metric).");
        }
        for (OperationCount c : counts == null ? List.<OperationCount>of() : counts) {
            long[] n = ops.computeIfAbsent(c.vault() + "\u0000" + (c.key() == null ? "" : c.key()) + "\u0000" + c.month(),
                    x -> new long[2]);
            n[c.operation().equalsIgnoreCase(ROTATE_IF_DUE) ? 1 : 0] += c.count();
        }
        List<CostFigures.Line> lines = new ArrayList<>();
        Map<String, Double> byVault = new TreeMap<>();
        boolean managedHsm = false;
        for (YearMonth m : months(from, to)) {
            double share = share(m, from, to);
            for (KeyInUse k : keys) {
                String[] vk = name(k.key()).split("/");
                long[] n = ops.remove(vk[0] + "\u0000" + vk[1] + "\u0000" + m);
                boolean hsm = k.vaultKey() != null && k.vaultKey().hsmBacked();
                boolean advanced = advanced(k);
                if (k.key().inManagedHsm()) {
                    managedHsm = true;
                }
                double keyCost = k.key().inManagedHsm() ? 0 : prices.keyPerMonth(hsm, advanced) * share;
                if (n == null && keyCost == 0) {
                    continue;
                }
                long o = n == null ? 0 : n[0];
                long r = n == null ? 0 : n[1];
                double opsCost = k.key().inManagedHsm() ? 0 : o / 10_000.0 * prices.opsPer10k(hsm, advanced);
                add(lines, byVault, new CostFigures.Line(vk[0], vk[1], m, o, opsCost, r, r * prices.scheduledRotation(),
                        hsm ? share : 0, keyCost));
            }
        }
        // what is left: vault-wide counts (metrics), priced at the dearest key of that vault in use
        for (Map.Entry<String, long[]> e : ops.entrySet()) {
            String[] parts = e.getKey().split("\u0000", -1);
            if (!parts[1].isEmpty()) {
                continue;
            }
            KeyInUse dearest = keys.stream().filter(k -> name(k.key()).startsWith(parts[0] + "/"))
                    .max(Comparator.comparingDouble(k -> prices.opsPer10k(k.vaultKey() != null && k.vaultKey().hsmBacked(),
                            advanced(k)))).orElse(null);
            double rate = dearest == null ? prices.standardOpsPer10k()
                    : prices.opsPer10k(dearest.vaultKey() != null && dearest.vaultKey().hsmBacked(), advanced(dearest));
            long[] n = e.getValue();
            add(lines, byVault, new CostFigures.Line(parts[0], null, YearMonth.parse(parts[2]), n[0], n[0] / 10_000.0 * rate,
                    n[1], n[1] * prices.scheduledRotation(), 0, 0));
        }
        if ("metrics".equals(source)) {
            notes.add("The ServiceApiHit metric counts every key operation on a vault, not per key: vault-wide lines are"
                    + " priced at the dearest key in use there and include any other key work on that vault.");
        }
        if (managedHsm) {
            notes.add("Managed HSM pools are billed per pool hour, not per operation; their keys are listed without a price.");
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byVault.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        double total = lines.stream().mapToDouble(CostFigures.Line::total).sum();
        lines.sort(Comparator.comparing(CostFigures.Line::month).thenComparing(CostFigures.Line::vault)
                .thenComparing(l -> l.key() == null ? "" : l.key()));
        return new CostFigures(prices, counts == null ? "none" : source, lines, sorted, total, notes);
    }

    private static void add(List<CostFigures.Line> lines, Map<String, Double> byVault, CostFigures.Line line) {
        lines.add(line);
        byVault.merge(line.vault(), line.total(), Double::sum);
    }

    /** RSA above 2048 bits and elliptic-curve keys cost more per operation, and per month when HSM-protected. */
    static boolean advanced(KeyInUse k) {
        if (k.vaultKey() == null) {
            return false;
        }
        String type = k.vaultKey().keyType() == null ? "" : k.vaultKey().keyType().toUpperCase(Locale.ROOT);
        Integer size = k.vaultKey().keySize();
        return type.startsWith("EC") || (size != null && size > 2048);
    }

    /** Vault and key names as audit logs spell them: the host's first label and the key name, lower case. */
    static String name(KeyRef ref) {
        return ref.vaultName().toLowerCase(Locale.ROOT) + "/" + ref.name().toLowerCase(Locale.ROOT);
    }

    static List<YearMonth> months(Instant from, Instant to) {
        List<YearMonth> out = new ArrayList<>();
        YearMonth last = YearMonth.from(to.minusNanos(1).atOffset(ZoneOffset.UTC));
        for (YearMonth m = YearMonth.from(from.atOffset(ZoneOffset.UTC)); !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** How much of the month lies in the window, 0 to 1. */
    static double share(YearMonth m, Instant from, Instant to) {
        Instant start = m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant a = start.isAfter(from) ? start : from;
        Instant b = end.isBefore(to) ? end : to;
        if (!b.isAfter(a)) {
            return 0;
        }
        return (double) java.time.Duration.between(a, b).toSeconds() / java.time.Duration.between(start, end).toSeconds();
    }
}
