package io.byokwatch.notify;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a channel delivers, resolved from settings: secret, so it is handed to the sending adapter and to nothing else,
 * and its {@link #toString()} says nothing.
 *
 * @param url           the webhook URL, for HTTP channels
 * @param signingSecret the HMAC key, for generic webhooks
 * @param file          the output file, for file channels
 */
public record Endpoint(URI url, String signingSecret, Path file) {
    @Override
    public String toString() {
        return "Endpoint[url=" + (url == null ? "none" : "***") + ", signingSecret=" + (signingSecret == null ? "none" : "***")
                + ", file=" + file + "]";
    }
}
