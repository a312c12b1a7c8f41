package io.byokwatch.e2e;

import io.byokwatch.adapter.arm.OnFakeArm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the event-path end-to-end tests start from: the fake ARM, and before each test a fresh state folder, the
 * compliant estate on the fake, and every cluster's first verdict already recorded.
 */
abstract class CompliantEstateEndToEnd extends OnFakeArm {
    EventPath path;
    Estate estate;

    @TempDir
    Path state;

    @BeforeEach
    void compliantEstate() {
        path = new EventPath(fake, state);
        estate = new Estate(fake).build();
        path.baseline();
    }
}
