package io.byokwatch.cli;

import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.NotifyConfigException;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Sleeper;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Where {@code replay} and {@code serve} deliver: {@code --notify stdout} (readable text, the default),
 * {@code --notify json} (the alert JSON, one per line), {@code --notify-config FILE} (the configured channels, whose
 * URLs and secrets come from environment variables), or a config plus the terminal.
 */
final class NotifyOptions {
    static final String TERMINAL = "stdout";

    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(List.of("stdout", "json"));
        }
    }

    @Option(names = "--notify", paramLabel = "FORMAT", completionCandidates = Formats.class,
            description = "Also print to the terminal: stdout (readable) or json (alert JSON lines).")
    String notify;

    @Option(names = "--notify-config", paramLabel = "FILE",
            description = "Deliver to the channels of this notify config (Slack, Teams, signed webhooks); their URLs and"
                    + " secrets come from the environment variables it names.")
    String notifyConfig;

    /** Either option was given. */
    boolean given() {
        return notify != null || notifyConfig != null;
    }

    Notifications.Parts parts(Map<String, String> env, PrintStream out, boolean hold) {
        String format = notify;
        if (format != null && !List.of("stdout", "json").contains(format)) {
            throw new UsageException("--notify " + (format.contains("://") ? "<a URL>" : format) + ": use stdout (readable)"
                    + " or json (alert JSON lines); webhook channels go in a notify config (--notify-config FILE), with"
                    + " their URLs in environment variables");
        }
        Channel terminal = new Channel(TERMINAL, ChannelType.STDOUT, !"json".equals(format), 0);
        NotifyConfig config;
        NotifyConfigLoader.Loaded loaded = null;
        if (notifyConfig != null) {
            try {
                loaded = new NotifyConfigLoader(env).load(Path.of(notifyConfig));
            } catch (NotifyConfigException e) {
                throw new InputException(e.getMessage());
            }
            config = loaded.config();
            if (format != null) {
                if (config.channels().containsKey(TERMINAL)) {
                    throw new InputException("--notify " + format + " adds a channel named '" + TERMINAL + "', and the"
                            + " notify config already has one; drop --notify or rename that channel");
                }
                config = config.withChannelEverywhere(terminal);
            }
        } else {
            config = NotifyConfig.terminalOnly(terminal);
        }
        return new Notifications.Parts(config, loaded == null ? Map.of() : loaded.endpoints(),
                loaded == null ? Secrets.NONE : loaded.secrets(), out, hold, Clock.systemUTC(), Sleeper.REAL,
                RandomGenerator.getDefault());
    }
}
