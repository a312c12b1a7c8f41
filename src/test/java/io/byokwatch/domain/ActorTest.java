package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActorTest {

    @Test
    void describePrefersUpnThenNameThenAppThenObject() {
        assertEquals("ann@contoso.com", new Actor("ann@contoso.com", "Ann", "app", "oid").describe());
        assertEquals("Ann", new Actor(null, "Ann", "app", "oid").describe());
        assertEquals("app 0000-app", new Actor(null, null, "0000-app", "oid").describe());
        assertEquals("object 1111-oid", new Actor(null, null, null, "1111-oid").describe());
        assertEquals("unknown", Actor.UNKNOWN.describe());
    }

    @Test
    void blankPartsCountAsMissing() {
        Actor a = new Actor("  ", "", " app-1 ", null);
        assertNull(a.upn());
        assertNull(a.name());
        assertEquals("app-1", a.appId());
        assertEquals("app app-1", a.describe());
        assertEquals(Actor.UNKNOWN, new Actor(" ", " ", " ", " "));
    }

    @Test
    void knownIsFalseOnlyWhenNothingIsKnown() {
        assertFalse(Actor.UNKNOWN.known());
        assertTrue(new Actor(null, null, null, "oid").known());
    }
}
