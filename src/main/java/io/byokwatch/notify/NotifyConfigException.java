package io.byokwatch.notify;

import java.util.List;

/** A notify config that cannot be used: one line per problem, each with its JSON path and the fix. */
public final class NotifyConfigException extends RuntimeException {
    private final List<String> problems;

    public NotifyConfigException(String source, List<String> problems) {
        super(source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
