package io.byokwatch.access;

import java.util.List;

/** One way audit activity can be unusual. Pure: reads the context, returns anomalies, may add notes to the context. */
public interface Detector {
    /** The stable id reports, settings and allowlists use, e.g. {@code unexpected-caller}. */
    String id();

    List<Anomaly> detect(DetectionContext context);
}
