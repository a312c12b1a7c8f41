package io.byokwatch.notify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SecretsTest {
    private static final String TEAMS = "https://prod-42.westeurope.logic.azure.com:443/workflows/8b1c9d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=teamsSignature0123456789abcdef";
    private final Secrets secrets = Secrets.of(List.of(TEAMS, "0123456789abcdef0123456789abcdef-signing"));

    @Test
    void masksTheWholeUrl_thePathWithQuery_andTheSignatureAlone() {
        assertEquals("posting to *** failed", secrets.mask("posting to " + TEAMS + " failed"));
        assertFalse(secrets.mask("POST /workflows/8b1c9d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=teamsSignature0123456789abcdef HTTP/1.1")
                .contains("teamsSignature"));
        assertEquals("sig was ***", secrets.mask("sig was teamsSignature0123456789abcdef"));
        assertEquals("key ***", secrets.mask("key 0123456789abcdef0123456789abcdef-signing"));
    }

    @Test
    void masksUrlEncodedSpellings() {
        String encoded = java.net.URLEncoder.encode(TEAMS, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("redirect_uri=***", secrets.mask("redirect_uri=" + encoded));
    }

    @Test
    void leavesOrdinaryTextAlone_includingShortQueryValues() {
        String text = "slack channel payments answered HTTP 410: channel_is_archived (api-version 2016-06-01)";
        assertEquals(text, secrets.mask(text));
        assertNull(secrets.mask(null));
        assertEquals("x", Secrets.NONE.mask("x"));
    }
}
