package io.byokwatch.adapter.arm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Live-inventory tests: one fake ARM for the class, reset with a fresh harness (clock, sleeps, token log) per test. */
abstract class OnFakeArm {
    static FakeArm fake;
    Harness h;

    @BeforeAll
    static void startFake() {
        fake = FakeArm.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void freshHarness() {
        h = new Harness(fake);
    }
}
