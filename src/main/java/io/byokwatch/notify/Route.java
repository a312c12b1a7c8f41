package io.byokwatch.notify;

import java.util.List;

/** A match and the channels that get what it matches. */
public record Route(String name, RouteMatch match, List<String> channels) {
    public Route {
        channels = List.copyOf(channels);
    }
}
