package io.byokwatch.e2e;

import io.byokwatch.adapter.arm.FakeArm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the event-path end-to-end tests start from: one fake ARM for the class, and before each test a fresh state
 * folder, the compliant estate on the fake, and every cluster's first verdict already recorded.
 */
abstract class CompliantEstateEndToEnd {
    static FakeArm fake;
    EventPath path;
    Estate estate;

    @TempDir
    Path state;

    @BeforeAll
    static void startFake() {
        fake = FakeArm.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void compliantEstate() {
        path = new EventPath(fake, state);
        estate = new Estate(fake).build();
        path.baseline();
    }
}
