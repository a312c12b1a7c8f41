package io.byokwatch.domain;

/**
 * Who made a change, as far as the event's token claims say. Any part may be missing: service principals have no upn,
 * legacy events carry no claims at all. Blank values are stored as null so "missing" has one spelling.
 */
public record Actor(String upn, String name, String appId, String objectId) {
    public static final Actor UNKNOWN = new Actor(null, null, null, null);

    public Actor {
        upn = blankToNull(upn);
        name = blankToNull(name);
        appId = blankToNull(appId);
        objectId = blankToNull(objectId);
    }

    /** The label a person recognises first: sign-in name, then display name, then the application, then the object. */
    public String describe() {
        if (upn != null) {
            return upn;
        }
        if (name != null) {
            return name;
        }
        if (appId != null) {
            return "app " + appId;
        }
        if (objectId != null) {
            return "object " + objectId;
        }
        return "unknown";
    }

    public boolean known() {
        return upn != null || name != null || appId != null || objectId != null;
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
