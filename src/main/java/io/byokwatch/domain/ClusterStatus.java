package io.byokwatch.domain;

/** The verdict on one cluster. */
public enum ClusterStatus {
    COMPLIANT("compliant"),
    NONCOMPLIANT("noncompliant"),
    EXEMPT("exempt"),
    NOT_REQUIRED("not-required"),
    UNKNOWN("unknown");

    private final String label;

    ClusterStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
