package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a report passes a CI gate, and the exit code that says so: 0 passes, 1 fails (a finding at or above the
 * threshold, or a cluster whose verdict is unknown while unknown counts as failing), 2 when there was nothing to
 * judge (no cluster at all, which is what a failed cluster export looks like). Every command that gates on verdicts
 * ({@code scan}, and any other that builds a {@link ScanReport}) decides here, so that they agree.
 */
public final class VerdictGate {
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int NOTHING_TO_JUDGE = 2;
    public static final String NO_CLUSTERS = "no AKS clusters in the inventory: did the cluster export fail?";

    /** How a cluster whose verdict is {@code unknown} counts: failing by default, so missing data never goes green. */
    public enum Unknown {
        PASS, FAIL;

        /** {@code pass} or {@code fail}, any case; anything else is an error naming both. */
        public static Unknown parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "pass" -> PASS;
                case "fail" -> FAIL;
                default -> throw new IllegalArgumentException("--unknown must be pass or fail, not '" + text + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The exit code and, for anything but a plain pass, one line per reason a person can act on. */
    public record Decision(int exitCode, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }

        public boolean passed() {
            return exitCode == PASS;
        }
    }

    private final Severity failOn;
    private final Unknown unknown;

    /**
     * @param failOn  the least severe finding that fails the gate; null never fails on findings ({@code --fail-on none})
     * @param unknown how clusters whose verdict is unknown count
     */
    public VerdictGate(Severity failOn, Unknown unknown) {
        this.failOn = failOn;
        this.unknown = unknown;
    }

    /** The gate with the defaults {@code scan} documents: fail on high, unknown fails. */
    public static VerdictGate defaults() {
        return new VerdictGate(Severity.HIGH, Unknown.FAIL);
    }

    /**
     * How unknown counts when the user did not say: failing, except under {@code --fail-on none} (report only,
     * never fail), which keeps meaning what it always meant unless {@code --unknown fail} is given explicitly.
     */
    public static Unknown defaultUnknown(Severity failOn) {
        return failOn == null ? Unknown.PASS : Unknown.FAIL;
    }

    public Decision decide(ScanReport report) {
        if (report.clusters().isEmpty()) {
            return new Decision(NOTHING_TO_JUDGE, List.of(NO_CLUSTERS));
        }
        List<String> reasons = new ArrayList<>();
        Severity worst = report.worst();
        if (failOn != null && worst != null && worst.atLeast(failOn)) {
            long count = report.findings().stream().filter(f -> f.finding().severity().atLeast(failOn)).count();
            reasons.add(count + " finding" + (count == 1 ? "" : "s") + " at or above " + failOn.label()
                    + " (worst " + worst.label() + ")");
        }
        List<String> unknownClusters = report.clusters().stream()
                .filter(v -> v.status() == ClusterStatus.UNKNOWN).map(ClusterVerdict::name).toList();
        if (unknown == Unknown.FAIL && !unknownClusters.isEmpty()) {
            reasons.add(unknownClusters.size() + " cluster" + (unknownClusters.size() == 1 ? "" : "s")
                    + " unknown, because a high or critical check could not be evaluated (" + names(unknownClusters)
                    + "); notEvaluated says what to add, or pass --unknown pass to let unknown clusters through");
        }
        return new Decision(reasons.isEmpty() ? PASS : FAIL, reasons);
    }

    private static String names(List<String> names) {
        int shown = Math.min(5, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }
}
