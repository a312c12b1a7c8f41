package io.byokwatch.kpi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Key Vault list prices the cost estimate uses, with the date they were read and where from, so the page can say how
 * old its prices are. Operations are priced per 10,000; HSM-protected keys per key per month; automated rotations per
 * scheduled rotation. "Advanced" keys are RSA 3072/4096 and elliptic-curve keys, priced higher than RSA 2048.
 */
public record PriceTable(LocalDate asOf, String source, String currency, double standardOpsPer10k,
                         double advancedOpsPer10k, double hsmOpsPer10k, double hsmAdvancedOpsPer10k,
                         double hsmKeyPerMonth, double hsmAdvancedKeyPerMonth, double scheduledRotation) {
    public PriceTable {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(currency, "currency");
        for (double p : new double[]{standardOpsPer10k, advancedOpsPer10k, hsmOpsPer10k, hsmAdvancedOpsPer10k,
                hsmKeyPerMonth, hsmAdvancedKeyPerMonth, scheduledRotation}) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("prices are amounts of at least 0, not " + p);
            }
        }
    }

    /** The price of 10,000 operations on a key of this kind. */
    public double opsPer10k(boolean hsm, boolean advanced) {
        return hsm ? (advanced ? hsmAdvancedOpsPer10k : hsmOpsPer10k) : (advanced ? advancedOpsPer10k : standardOpsPer10k);
    }

    /** The monthly price of holding the key: only HSM-protected keys have one. */
    public double keyPerMonth(boolean hsm, boolean advanced) {
        return hsm ? (advanced ? hsmAdvancedKeyPerMonth : hsmKeyPerMonth) : 0;
    }
}
