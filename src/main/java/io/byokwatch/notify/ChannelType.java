package io.byokwatch.notify;

import java.util.Locale;

/** The kinds of channel a notify config can name, and what each is for. */
public enum ChannelType {
    /** Slack incoming webhook: Block Kit. Slack allows about one message per second per webhook. */
    SLACK(true, true, 1.0),
    /** Microsoft Teams Workflows webhook: an Adaptive Card. Teams takes at most four messages per second. */
    TEAMS(true, true, 4.0),
    /** Any HTTPS receiver: the alert JSON contract as is, signed with HMAC-SHA256. */
    WEBHOOK(false, true, 10.0),
    /** The terminal: readable text, or the alert JSON one per line with {@code "format": "json"}. */
    STDOUT(true, false, 0),
    /** Appends the alert JSON one per line to a file, for local runs and audits. */
    FILE(false, false, 0);

    private final boolean forPeople;
    private final boolean http;
    private final double defaultPerSecond;

    ChannelType(boolean forPeople, boolean http, double defaultPerSecond) {
        this.forPeople = forPeople;
        this.http = http;
        this.defaultPerSecond = defaultPerSecond;
    }

    /** Whether people read it: only such channels get flapping notices and reminders, and skip stale alerts. */
    public boolean forPeople() {
        return forPeople;
    }

    public boolean http() {
        return http;
    }

    /** The pace the service asks for; 0 for local outputs, which need none. */
    public double defaultPerSecond() {
        return defaultPerSecond;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
