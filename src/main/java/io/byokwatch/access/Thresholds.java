package io.byokwatch.access;

import java.util.ArrayList;
import java.util.List;

/**
 * How unusual is unusual. The defaults were chosen on the synthetic estates of the quality test (every planted
 * anomaly found, under one false alarm per 10,000 normal series-days); change them through settings, not code.
 *
 * @param minBaselineDays   a series needs activity on this many baseline days before its own history can call an hour
 *                          abnormal (volume, new source); younger series are left to the inventory-based checks
 * @param spikeMinCount     an hour below this many events is never a spike, so quiet keys do not page anyone
 * @param spikeRatio        a spike is at least this many times the hour's normal level; scale-outs reach 2-2.5 times
 * @param spikeZ            and this many robust standard deviations above it
 * @param failureMinCount   fewer refusals (401/403/429) than this in an hour are noise
 * @param failureRatio      a failure burst is at least this many times the key's normal refusals for the hour
 * @param failureZ          and this many robust standard deviations above them
 * @param ipv4Prefix        addresses in one IPv4 network of this prefix length count as the same source
 * @param ipv6Prefix        the same for IPv6
 * @param newSourceMinCount events from a new network before it is reported
 * @param routineDays       a sensitive, non-destructive operation the same caller did on this many baseline days is
 *                          routine (a nightly Terraform apply) and reported as low
 */
public record Thresholds(int minBaselineDays, int spikeMinCount, double spikeRatio, double spikeZ,
                         int failureMinCount, double failureRatio, double failureZ, int ipv4Prefix, int ipv6Prefix,
                         int newSourceMinCount, int routineDays) {

    public static final Thresholds DEFAULTS = new Thresholds(3, 30, 4.0, 6.0, 20, 3.0, 6.0, 24, 64, 1, 3);

    public Thresholds {
        List<String> problems = new ArrayList<>();
        positive(problems, "minBaselineDays", minBaselineDays);
        positive(problems, "spikeMinCount", spikeMinCount);
        positive(problems, "failureMinCount", failureMinCount);
        positive(problems, "newSourceMinCount", newSourceMinCount);
        positive(problems, "routineDays", routineDays);
        if (!(spikeRatio > 1) || !(failureRatio > 1)) {
            problems.add("spikeRatio and failureRatio must be above 1");
        }
        if (!(spikeZ > 0) || !(failureZ > 0)) {
            problems.add("spikeZ and failureZ must be above 0");
        }
        if (ipv4Prefix < 8 || ipv4Prefix > 32 || ipv6Prefix < 16 || ipv6Prefix > 128) {
            problems.add("ipv4Prefix must be 8-32 and ipv6Prefix 16-128");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String name, int value) {
        if (value < 1) {
            problems.add(name + " must be at least 1, not " + value);
        }
    }
}
