package io.byokwatch.render.blast;

import java.util.List;

/**
 * How much of the inventory a blast radius was computed from: where it came from and what could not be read. Only a
 * complete inventory may answer "nothing depends on it".
 */
public record InventoryCoverage(String source, List<String> problems) {
    public InventoryCoverage {
        problems = List.copyOf(problems);
    }

    public boolean complete() {
        return problems.isEmpty();
    }
}
