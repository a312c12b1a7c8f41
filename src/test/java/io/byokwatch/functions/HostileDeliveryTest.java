package io.byokwatch.functions;

import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.testsupport.HostileEvents;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every hostile delivery through the shared intake and through both Event Grid functions, as the host invokes them: a
 * precise refusal or a counted skip per bad event, the good events of a batch still processed, never an exception
 * that would make Event Grid redeliver something that cannot get better, never a stack trace in the log.
 */
@Tag("reliability")
class HostileDeliveryTest {
    private static final Reliability.Tally INTAKE = new Reliability.Tally();
    private static final Reliability.Tally FUNCTIONS = new Reliability.Tally();
    private static int cases;

    @TempDir
    Path state;
    private Runtime runtime;

    @BeforeEach
    void wire() {
        Map<String, String> env = new HashMap<>(HostileEvents.SCOPE);
        env.putAll(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(),
                "BYOKWATCH_POLICY_FILE", "examples/policy.json"));
        runtime = Runtime.build(env, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void everyHostileDelivery_getsItsExpectedOutcome_atTheIntake() {
        List<String> wrong = new ArrayList<>();
        for (HostileEvents.Case c : HostileEvents.all()) {
            cases++;
            String got = outcome(c);
            INTAKE.add(label(got));
            if (!got.equals(c.expect()) && !(c.refusedWhole() && got.startsWith("body"))) {
                wrong.add(c + ": expected " + c.expect() + ", got " + got);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void bothFunctions_neverThrowOnHostileInput_andLogNoStackTrace() {
        for (HostileEvents.Case c : HostileEvents.all()) {
            for (String fn : List.of("ResourceChanged", "KeyVaultChanged")) {
                TestContext ctx = new TestContext(fn);
                try {
                    if (fn.equals("ResourceChanged")) {
                        new ResourceChanged(() -> runtime).run(c.text(), ctx);
                    } else {
                        new KeyVaultChanged(() -> runtime).run(c.text(), ctx);
                    }
                } catch (RuntimeException e) {
                    fail(fn + " threw on " + c + ", so Event Grid would redeliver it forever: " + e);
                }
                for (String line : ctx.lines) {
                    assertFalse(line.contains("\tat ") || line.matches("(?s).*\\b\\w+(Exception|Error)\\b.*"),
                            () -> fn + " logged a stack trace or exception name for " + c + ": " + line);
                    assertTrue(line.length() < 4_000, () -> fn + " logged " + line.length() + " chars for " + c);
                }
                FUNCTIONS.add(c.refusedWhole() ? "logged and dropped" : "handled");
            }
        }
    }

    /** The same string the Functions log for a refused body: precise, short, echoing little of the input. */
    private String outcome(HostileEvents.Case c) {
        EventIntake.Result r;
        try {
            r = runtime.intake().accept(c.text(), null);
        } catch (EventFormatException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().length() < 2_000, () -> c + ": refusal is " + e.getMessage().length() + " chars");
            return "body: " + e.getMessage();
        }
        assertTrue(r.failures().isEmpty(), () -> c + ": failures " + r.failures());
        if (r.validationCode() != null) {
            return "handshake";
        }
        int processed = 0;
        int ignored = 0;
        for (DriftDetector.EventOutcome o : r.outcomes()) {
            if (o.ignored()) {
                ignored++;
            } else {
                processed++;
            }
        }
        r.rejected().forEach(reason -> assertTrue(reason.length() < 1_000, () -> c + ": long reason " + reason));
        return "p=" + processed + " r=" + r.rejected().size() + " o=" + r.outOfScope() + " i=" + ignored;
    }

    private static String label(String outcome) {
        if (outcome.startsWith("body")) {
            return "refused whole with a reason";
        }
        if (outcome.equals("handshake")) {
            return "answered as a handshake";
        }
        return "read, each bad event counted";
    }

    @AfterAll
    static void record() {
        if (INTAKE.total() > 0) {
            Reliability.record("Hostile input: Event Grid deliveries", "Shared intake (files in hostile/events + generated)",
                    INTAKE.total(), INTAKE.toString() + "; 0 crashes, 0 failures", "none: good events of mixed batches processed");
        }
        if (FUNCTIONS.total() > 0) {
            Reliability.record("Hostile input: Event Grid deliveries", "Functions ResourceChanged and KeyVaultChanged",
                    FUNCTIONS.total(), FUNCTIONS.toString() + "; 0 exceptions, 0 stack traces in the log", "none");
        }
    }
}
