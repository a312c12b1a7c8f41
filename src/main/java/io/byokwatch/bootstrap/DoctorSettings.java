package io.byokwatch.bootstrap;

/** Settings only {@code byokwatch doctor} reads; the rest it shares with the runtime ({@link Settings}, {@link AccessSettings}). */
public final class DoctorSettings {
    /** The Function App's own ARM id, so doctor can match event subscriptions' destinations to this deployment. */
    public static final String FUNCTION_APP_ID = "BYOKWATCH_FUNCTION_APP_ID";

    private DoctorSettings() {
    }
}
