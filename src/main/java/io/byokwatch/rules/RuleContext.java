package io.byokwatch.rules;

import java.time.Instant;

/** What every rule may read besides its subject: the instant it judges at and the policy's settings. */
public record RuleContext(Instant now, RuleSettings settings) {
    public RuleContext {
        settings = settings == null ? RuleSettings.DEFAULTS : settings;
    }
}
