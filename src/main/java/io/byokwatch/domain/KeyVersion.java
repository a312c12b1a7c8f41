package io.byokwatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a key, from ARM {@code vaults/keys/{name}/versions} or {@code az keyvault key list-versions}.
 * {@code ref} names the version; {@code created} is null when the payload did not say, which makes the version's age
 * unknown rather than old or new.
 */
public record KeyVersion(KeyRef ref, Instant created, Instant updated, Boolean enabled, Instant notBefore,
                         Instant expires) {
    public KeyVersion {
        Objects.requireNonNull(ref, "ref");
        if (ref.version() == null) {
            throw new IllegalArgumentException("a key version names its version: " + ref);
        }
    }

    public String version() {
        return ref.version();
    }
}
