package io.byokwatch.bootstrap;

import io.byokwatch.port.Notifier;

import java.util.Map;

/** Sends each channel's payloads through the notifier for its kind (HTTP, terminal, file). */
final class ChannelNotifiers implements Notifier {
    private final Map<String, Notifier> byChannel;

    ChannelNotifiers(Map<String, Notifier> byChannel) {
        this.byChannel = Map.copyOf(byChannel);
    }

    @Override
    public Result send(String channel, Payload payload) {
        Notifier n = byChannel.get(channel);
        if (n == null) {
            return new Rejected("no channel named '" + channel + "' is configured");
        }
        return n.send(channel, payload);
    }
}
