package io.byokwatch.render.plan;

import io.byokwatch.app.PlanReport;

/** Turns a plan report into one output format; output ends with a newline. */
public interface PlanRenderer {
    String render(PlanReport report);
}
