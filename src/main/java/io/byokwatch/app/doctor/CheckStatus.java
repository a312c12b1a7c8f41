package io.byokwatch.app.doctor;

/** A check's outcome: proven, proven broken, or not provable from here (never counted as a pass). */
public enum CheckStatus {
    PASS, FAIL, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
