package io.byokwatch.port;

import java.util.List;

/** Whether each store byokwatch keeps its state in (verdicts, outbox, delivery log, dead letters) answers. */
public interface StateProbe {

    /**
     * One store: reachable (true), refused or unreachable (false), or not checkable here (null, e.g. no storage
     * settings on this machine), in a sentence that names it; {@code fix} whenever it is not reachable.
     */
    record Store(String name, Boolean reachable, String detail, String fix) {
    }

    List<Store> probe();
}
