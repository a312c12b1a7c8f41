package io.byokwatch.adapter.console;

import io.byokwatch.port.Notifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends each payload as one line to a file: a local record of every alert as the JSON contract has it. A payload
 * is written with one append call, so lines from concurrent deliveries stay whole.
 */
public final class FileLinesNotifier implements Notifier {
    private final Path file;

    public FileLinesNotifier(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public synchronized Result send(String channel, Payload payload) {
        String line = payload.body().replace("\r", "").replace("\n", " ") + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Sent(0);
        } catch (IOException e) {
            return new Retry("could not append to the file of channel " + channel + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }
}
