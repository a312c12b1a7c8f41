package io.byokwatch.functions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpStatus;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.render.doctor.DoctorJson;
import io.byokwatch.testsupport.DoctorOnFakes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** GET /api/doctor: the report as JSON, 200 when every check passed, 503 when not, 500 when settings stop it. */
class DoctorFunctionTest {
    private static DoctorOnFakes fakes;

    @BeforeAll
    static void start() {
        fakes = DoctorOnFakes.start();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    private static TestHttpRequest.Response get(Doctor fn) {
        return (TestHttpRequest.Response) fn.run(new TestHttpRequest(HttpMethod.GET, Map.of(), null), new TestContext("Doctor"));
    }

    @Test
    void aWorkingDeployment_is200_withTheReport() {
        Map<String, String> env = fakes.reset();

        TestHttpRequest.Response r = get(new Doctor(() -> fakes.wire(env, io.byokwatch.bootstrap.DoctorWiring.Choices.NONE)));

        assertEquals(HttpStatus.OK, r.getStatus());
        assertEquals("application/json", r.getHeader("Content-Type"));
        assertEquals(List.of(), SchemaCheck.load(DoctorJson.SCHEMA_RESOURCE).problems((String) r.getBody()));
        assertTrue(JsonParser.parseString((String) r.getBody()).getAsJsonObject().get("passed").getAsBoolean());
    }

    @Test
    void aBrokenDeployment_is503_withWhatFailed() {
        Map<String, String> env = fakes.reset();
        fakes.arm.put(io.byokwatch.testsupport.Deployment.function("KeyVaultChanged", true));

        TestHttpRequest.Response r = get(new Doctor(() -> fakes.wire(env, io.byokwatch.bootstrap.DoctorWiring.Choices.NONE)));

        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, r.getStatus());
        JsonObject report = JsonParser.parseString((String) r.getBody()).getAsJsonObject();
        assertEquals(1, report.getAsJsonObject("summary").get("fail").getAsInt());
        assertEquals(List.of(), SchemaCheck.load(DoctorJson.SCHEMA_RESOURCE).problems((String) r.getBody()));
    }

    @Test
    void unusableSettings_are500_namingEachProblem() {
        TestHttpRequest.Response r = get(new Doctor(() -> {
            throw new SettingsException(List.of("BYOKWATCH_SUBSCRIPTIONS holds 'x', which is not a subscription id"));
        }));

        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, r.getStatus());
        JsonObject body = JsonParser.parseString((String) r.getBody()).getAsJsonObject();
        assertEquals("BYOKWATCH_SUBSCRIPTIONS holds 'x', which is not a subscription id",
                body.getAsJsonArray("problems").get(0).getAsString());
    }
}
