package io.byokwatch.notify;

import java.util.Objects;

/**
 * One configured channel as the services see it: a name and what it is. Where it points lives in {@link Endpoint}s,
 * which only the sending adapter gets.
 *
 * @param forPeopleAsText for {@code stdout}: true for the readable rendering, false for alert JSON lines
 * @param perSecond       the pace to keep (0: none)
 */
public record Channel(String name, ChannelType type, boolean forPeopleAsText, double perSecond) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Whether people read what this channel gets (a JSON stdout is for machines). */
    public boolean forPeople() {
        return type.forPeople() && (type != ChannelType.STDOUT || forPeopleAsText);
    }
}
