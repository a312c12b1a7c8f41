package io.byokwatch.adapter.storage;

/** A stored record that cannot be read back; the message says why, the caller adds where. */
final class BadRecordException extends RuntimeException {
    BadRecordException(String reason) {
        super(reason);
    }
}
