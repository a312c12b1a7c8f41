package io.byokwatch.testsupport;

import java.util.List;

/**
 * The secrets delivery tests configure. The tokens sit in webhook URL paths and signature parameters, and are long and
 * unusual, so finding one anywhere in output is a leak and never a coincidence.
 */
public final class TestSecrets {
    public static final String SLACK_TOKEN = "T0BYOKW4TCH/B0SLACK00/sl4ckT0kenNeverPrintThis";
    public static final String TEAMS_SIG = "teamsSigNeverPrintThis0123456789abcdefXYZ";
    public static final String WEBHOOK_PATH_TOKEN = "siem-hook-NeverPrintThis-7f3a9c";
    public static final String SIGNING_SECRET = "hmac-signing-key-NeverPrintThis-0123456789abcdef";
    public static final List<String> TOKENS = List.of(SLACK_TOKEN, TEAMS_SIG, WEBHOOK_PATH_TOKEN, SIGNING_SECRET);

    private TestSecrets() {
    }

    public static String slackPath() {
        return "/services/" + SLACK_TOKEN;
    }

    public static String teamsPath() {
        return "/workflows/8b1c/triggers/manual/paths/invoke?api-version=2016-06-01&sig=" + TEAMS_SIG;
    }

    public static String webhookPath() {
        return "/hooks/" + WEBHOOK_PATH_TOKEN;
    }
}
