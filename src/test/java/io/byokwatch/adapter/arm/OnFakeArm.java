package io.byokwatch.adapter.arm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Tests against the fake ARM: one for the class, reset with a fresh harness (clock, sleeps, token log) per test. */
public abstract class OnFakeArm {
    protected static FakeArm fake;
    protected Harness h;

    @BeforeAll
    protected static void startFake() {
        fake = FakeArm.start();
    }

    @AfterAll
    protected static void stopFake() {
        fake.close();
    }

    @BeforeEach
    protected void freshHarness() {
        h = new Harness(fake);
    }
}
