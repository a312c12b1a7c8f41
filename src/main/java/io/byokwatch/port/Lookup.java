package io.byokwatch.port;

import java.util.function.Function;

/**
 * The answer to "what is resource X now?": found, known to be absent (a live 404, or a complete file export that
 * lacks it), or unknown (not exported, or a 403) with a reason a user can act on. Rules never guess: unknown becomes
 * a notEvaluated entry, absent becomes a finding.
 */
public sealed interface Lookup<T> {

    static <T> Lookup<T> found(T value) {
        return new Found<>(value);
    }

    static <T> Lookup<T> absent(String evidence) {
        return new Absent<>(evidence);
    }

    static <T> Lookup<T> unknown(String reason) {
        return new Unknown<>(reason);
    }

    default T orNull() {
        return this instanceof Found<T> f ? f.value() : null;
    }

    default <R> Lookup<R> map(Function<T, R> f) {
        if (this instanceof Found<T> found) {
            return new Found<>(f.apply(found.value()));
        }
        if (this instanceof Absent<T> a) {
            return new Absent<>(a.evidence());
        }
        return new Unknown<>(((Unknown<T>) this).reason());
    }

    record Found<T>(T value) implements Lookup<T> {
    }

    /** Known not to exist; {@code evidence} says how we know (HTTP 404, or which export lacks it). */
    record Absent<T>(String evidence) implements Lookup<T> {
    }

    /** Not knowable from this inventory; {@code reason} names what is missing and how to supply it. */
    record Unknown<T>(String reason) implements Lookup<T> {
    }
}
