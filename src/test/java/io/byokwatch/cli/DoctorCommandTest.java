package io.byokwatch.cli;

import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.render.doctor.DoctorJson;
import io.byokwatch.testsupport.Deployment;
import io.byokwatch.testsupport.DoctorOnFakes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code byokwatch doctor --live}: flags in front of the environment's settings, text or JSON, and exit codes like
 * {@code scan}. The doctor is aimed at the local stand-ins; everything after the command line is production code.
 */
class DoctorCommandTest {
    private static DoctorOnFakes fakes;
    private Map<String, String> env;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<DoctorWiring.Choices> seen = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fakes = DoctorOnFakes.start();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void deployment() {
        env = fakes.reset();
    }

    /** The command as Main runs it (picocli, the same error handling), with the doctor aimed at the stand-ins. */
    private int run(String... argv) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        DoctorCommand.Factory factory = (environment, choices, clock) -> {
            seen.add(choices);
            return fakes.wire(environment, choices);
        };
        CommandLine line = new CommandLine(new DoctorCommand(new CliContext(o, e, env), factory, Clock.systemUTC()));
        line.setOut(new PrintWriter(o, true));
        line.setErr(new PrintWriter(e, true));
        CliErrors errors = new CliErrors(e);
        line.setParameterExceptionHandler(errors);
        line.setExecutionExceptionHandler(errors);
        return line.execute(argv);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkingDeployment_exits0_andSaysSo() {
        assertEquals(0, run("--live"));
        assertTrue(out().contains("The deployment works as far as byokwatch can see"), out());
        assertTrue(out().startsWith("byokwatch doctor: 1 subscription(s), checked as managed identity"), out());
    }

    @Test
    void aFailure_exits1_andPrintsTheFixWhole() {
        fakes.arm.forbidBelow("/subscriptions/" + Deployment.KEYS);

        assertEquals(1, run("--live"));

        assertTrue(out().contains("        fix: az role assignment create --assignee " + DoctorOnFakes.CLIENT_ID
                + " --role Reader --scope "), out());
    }

    @Test
    void json_followsTheVersionedSchema_andGoesToTheOutputFile() throws IOException {
        Path file = dir.resolve("doctor.json");

        assertEquals(0, run("--live", "--format", "json", "--output", file.toString()));

        String json = Files.readString(file);
        assertEquals(List.of(), SchemaCheck.load(DoctorJson.SCHEMA_RESOURCE).problems(json));
        assertTrue(json.contains("\"schemaVersion\": 1"));
        assertEquals("", out());
    }

    @Test
    void flags_replaceTheSettings() {
        run("--live", "--subscription", Deployment.WATCHED, Deployment.KEYS, "--function-app", Deployment.APP.toString(),
                "--workspace", Deployment.WORKSPACE_CUSTOMER_ID, "--notify-config", "examples/notify.json");

        DoctorWiring.Choices c = seen.get(0);
        assertEquals(List.of(Deployment.WATCHED, Deployment.KEYS), c.subscriptions());
        assertEquals(Deployment.APP.toString(), c.functionAppId());
        assertEquals("examples/notify.json", c.notifyConfig());
        assertTrue(out().contains("byokwatch doctor: 2 subscription(s)"), out());
    }

    @Test
    void usageMistakes_exit2_withWhatToDo() {
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --live"));
        assertEquals(2, run("--live", "--subscription", "not-a-guid"));
        assertEquals(2, run("--live", "--subscription", Deployment.WATCHED, "--management-group", "mg"));
        assertEquals(2, run("--live", "--format", "yaml"));
        assertEquals(2, run("--live", "--function-app", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not the ARM id of a Function App"), err.toString(StandardCharsets.UTF_8));
        assertTrue(seen.size() <= 1, "usage errors stop before anything is read");
    }

    @Test
    void theCommandIsListedInHelp_withItsSynopsis() {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(help, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"doctor", "--help"}, p, p, Map.of()));
        String text = help.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("byokwatch doctor --live [--subscription ID... | --management-group ID]"), text);
        ByteArrayOutputStream overview = new ByteArrayOutputStream();
        PrintStream q = new PrintStream(overview, true, StandardCharsets.UTF_8);
        Main.run(new String[] {"--help"}, q, q, Map.of());
        assertTrue(overview.toString(StandardCharsets.UTF_8).contains("doctor"));
    }
}
