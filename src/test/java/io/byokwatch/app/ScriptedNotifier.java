package io.byokwatch.app;

import io.byokwatch.port.Notifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A notifier that answers each channel from a script (then with success) and records what it was given. */
final class ScriptedNotifier implements Notifier {
    record Call(String channel, Payload payload) {
    }

    private final Map<String, Deque<Result>> scripts = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    ScriptedNotifier answer(String channel, Result... results) {
        scripts.computeIfAbsent(channel, k -> new ArrayDeque<>()).addAll(List.of(results));
        return this;
    }

    @Override
    public synchronized Result send(String channel, Payload payload) {
        calls.add(new Call(channel, payload));
        Deque<Result> s = scripts.get(channel);
        return s == null || s.isEmpty() ? new Sent(200) : s.poll();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> callsTo(String channel) {
        return calls.stream().filter(c -> c.channel().equals(channel)).toList();
    }
}
