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

    /**
     * Absent, as a read of the resource itself answered just now (a live 404): the one kind of absence that outweighs
     * an event saying the resource was written, where an export that lacks it may simply be incomplete.
     */
    static <T> Lookup<T> readAsAbsent(String evidence) {
        return new Absent<>(evidence, true);
    }

    static <T> Lookup<T> unknown(String reason) {
        return new Unknown<>(reason);
    }

    /**
     * Unknown for now: the source could not answer (throttled past the retries, 5xx, network down, a cut-off body), and
     * asking again later can succeed. The event path fails such an event so that it is redelivered, rather than judge
     * a cluster on a chain with a hole that a moment's outage made.
     */
    static <T> Lookup<T> unavailable(String reason) {
        return new Unknown<>(reason, true);
    }

    default T orNull() {
        return this instanceof Found<T> f ? f.value() : null;
    }

    default <R> Lookup<R> map(Function<T, R> f) {
        if (this instanceof Found<T> found) {
            return new Found<>(f.apply(found.value()));
        }
        if (this instanceof Absent<T> a) {
            return new Absent<>(a.evidence(), a.readNow());
        }
        Unknown<T> u = (Unknown<T>) this;
        return new Unknown<>(u.reason(), u.retryable());
    }

    record Found<T>(T value) implements Lookup<T> {
    }

    /**
     * Known not to exist; {@code evidence} says how we know (HTTP 404, or which export lacks it). {@code readNow}: a
     * read of the resource itself said so (see {@link #readAsAbsent}), rather than an inference from what a file
     * export holds.
     */
    record Absent<T>(String evidence, boolean readNow) implements Lookup<T> {
        public Absent(String evidence) {
            this(evidence, false);
        }
    }

    /**
     * Not knowable from this inventory; {@code reason} names what is missing and how to supply it. {@code retryable}:
     * the source failed for now (see {@link #unavailable}), as opposed to a fact that stays unknown (not exported, 403).
     */
    record Unknown<T>(String reason, boolean retryable) implements Lookup<T> {
        public Unknown(String reason) {
            this(reason, false);
        }
    }
}
