package io.byokwatch.rules;

/** The thresholds rules read from the policy file. */
public record RuleSettings(int keyExpiryWarningDays, boolean requireHsm) {
    public static final RuleSettings DEFAULTS = new RuleSettings(30, false);
}
