package io.byokwatch.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.eventgrid.EventEnvelopeParser;
import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.adapter.eventgrid.ParsedBatch;
import io.byokwatch.adapter.loganalytics.AccessTable;
import io.byokwatch.adapter.loganalytics.AuditLogFiles;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.Snapshot;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.adapter.snapshot.SnapshotLoader;
import io.byokwatch.bootstrap.AllowlistFile;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.notify.NotifyConfigException;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.policy.PolicyException;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogRead;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of every parser that reads input byokwatch does not control. The contract: a result, or the
 * parser's documented exception type; any other exception (or an invariant broken on a result) is a finding. Plain
 * {@code mvn verify} replays the seeds and past findings in {@code ParsersFuzzTestInputs/<method>/}; see
 * {@code scripts/fuzz} for bounded and long fuzzing runs.
 */
@Tag("reliability")
class ParsersFuzzTest {
    private static final EventEnvelopeParser EVENTS = new EventEnvelopeParser();
    private static final Set<String> RULES = RuleCatalog.standard().ids();
    private static final Path TEMP;
    private static final String[] LOG_SUFFIXES = {".json", ".jsonl", ".csv"};
    /** The settings a fuzzed notify config may name: one of each kind of channel target. */
    private static final Map<String, String> SETTINGS = Map.of(
            "SLACK_PAYMENTS_URL", "https://hooks.slack.example/services/T0/B0/x",
            "TEAMS_SEC_URL", "https://prod.westeurope.logic.example/workflows/1/triggers/manual",
            "SIEM_URL", "http://127.0.0.1:9/alerts",
            "SIEM_SECRET", "fuzz-signing-secret-0123456789");

    static {
        try {
            TEMP = Files.createTempDirectory("byokwatch-fuzz");
            TEMP.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What plain builds replay: the seeds and every past finding, per target. */
    @AfterAll
    static void record() throws IOException {
        Path inputs = Path.of("src/test/resources/io/byokwatch/fuzz/ParsersFuzzTestInputs");
        if (System.getenv("JAZZER_FUZZ") != null || !Files.isDirectory(inputs)) {
            return;
        }
        try (var dirs = Files.list(inputs)) {
            for (Path dir : dirs.sorted().toList()) {
                long seeds;
                long findings;
                try (var files = Files.list(dir)) {
                    List<String> names = files.map(f -> f.getFileName().toString()).toList();
                    findings = names.stream().filter(n -> n.startsWith("finding-") || n.startsWith("crash-")).count();
                    seeds = names.size() - findings;
                }
                Reliability.record("Fuzzing: Jazzer regression in every build", "ParsersFuzzTest#" + dir.getFileName(),
                        (int) (seeds + findings), seeds + " seeds and " + findings + " past findings replayed; all a result or the"
                                + " documented exception", "n/a");
            }
        }
    }

    /** Raw request bytes with a fuzzed Content-Type, as serve receives them. */
    @FuzzTest(maxDuration = "10s")
    void eventEnvelopeParser(FuzzedDataProvider data) {
        String contentType = data.consumeBoolean() ? null : data.consumeString(60);
        byte[] body = data.consumeRemainingAsBytes();
        ParsedBatch batch;
        try {
            batch = EVENTS.parse(body, contentType);
        } catch (EventFormatException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        for (ChangeEvent e : batch.events()) {
            assertNotNull(e.eventType());
            e.keyVaultEvent();
            e.keyRelated();
        }
        batch.rejected().forEach(r -> assertTrue(r.describe().length() < 2_000, r.describe()));
    }

    /** Text bodies, as the Functions host hands them over. */
    @FuzzTest(maxDuration = "10s")
    void eventEnvelopeParserText(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        try {
            EVENTS.parse(body);
        } catch (EventFormatException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    /** Whole inventory files: the loader never throws for what a file holds, it records problems. */
    @FuzzTest(maxDuration = "10s")
    void snapshotLoader(byte[] file) throws IOException {
        Path p = TEMP.resolve("fuzzed.json");
        Files.write(p, file);
        Snapshot s = SnapshotLoader.load(p);
        assertEquals(1, s.files());
        s.problems().forEach(problem -> assertNotNull(problem.message()));
    }

    /** The mapper on any JSON object, as live ARM reads and Resource Graph rows reach it. */
    @FuzzTest(maxDuration = "10s")
    void armMapper(FuzzedDataProvider data) {
        String json = data.consumeRemainingAsString();
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonParseException notJson) {
            return;
        }
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        ArmMapper.kindOf(o);
        for (int i = 0; i < 7; i++) {
            try {
                switch (i) {
                    case 0 -> ArmMapper.cluster(o);
                    case 1 -> ArmMapper.agentPool(o);
                    case 2 -> ArmMapper.diskEncryptionSet(o);
                    case 3 -> ArmMapper.vault(o);
                    case 4 -> ArmMapper.key(o);
                    case 5 -> ArmMapper.rotationPolicy(o);
                    default -> ArmMapper.roleAssignment(o);
                }
            } catch (SnapshotFormatException expected) {
                assertNotNull(expected.getMessage());
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void policyLoader(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            new PolicyLoader(RULES).parse(text, "fuzzed.json");
        } catch (PolicyException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    /** Audit log exports as --logs reads them: JSON (array, AuditEvent records or a query response), JSON lines, CSV. */
    @FuzzTest(maxDuration = "10s")
    void auditLogFile(FuzzedDataProvider data) throws IOException {
        Path p = TEMP.resolve("fuzzed" + LOG_SUFFIXES[data.consumeInt(0, LOG_SUFFIXES.length - 1)]);
        Files.write(p, data.consumeRemainingAsBytes());
        long[] events = {0};
        try {
            AccessLogRead read = new AuditLogFiles(List.of(p), AccessTable.AZKV_AUDIT_LOGS)
                    .read(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), r -> {
                        assertNotNull(r.hour());
                        assertTrue(r.count() > 0, () -> "a record of " + r.count() + " events");
                        events[0] += r.count();
                    });
            read.problems().forEach(problem -> assertTrue(problem.length() < 4_000, problem));
        } catch (AccessLogException refused) {
            assertNotNull(refused.getMessage());
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /** Routing config: a config, or every problem at once; never an exception of another kind. */
    @FuzzTest(maxDuration = "10s")
    void notifyConfig(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            NotifyConfigLoader.Loaded loaded = new NotifyConfigLoader(SETTINGS).parse(text, "fuzzed.json", TEMP);
            loaded.endpoints().keySet().forEach(name -> assertTrue(loaded.config().channels().containsKey(name), name));
        } catch (NotifyConfigException refused) {
            assertNotNull(refused.getMessage());
            // a setting's value may only show up in an error when the config text itself already holds it
            for (String secret : SETTINGS.values()) {
                assertTrue(text.contains(secret) || !refused.getMessage().contains(secret),
                        () -> "a setting's value in an error: " + refused.getMessage());
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void allowlist(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            AllowlistFile.parse(text, "fuzzed.json");
        } catch (IllegalArgumentException refused) {
            assertNotNull(refused.getMessage());
        }
    }

    /** Ids from anywhere: null or an id whose every accessor answers, and which reads back as itself. */
    @FuzzTest(maxDuration = "10s")
    void resourceIdAndKeyRef(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ResourceId id = ResourceId.orNull(text);
        if (id != null) {
            id.type();
            id.name();
            id.subscriptionId();
            id.resourceGroup();
            ResourceId top = id.topLevel();
            assertTrue(id.isUnder(top), () -> id + " is not under its top level " + top);
            assertEquals(id, ResourceId.orNull(id.toString()));
        }
        KeyRef ref = KeyRef.orNull(text);
        if (ref != null) {
            ref.vaultName();
            ref.keyId();
            KeyRef again = KeyRef.orNull(ref.toString());
            assertNotNull(again, () -> "'" + ref + "' (from '" + text + "') does not parse back");
            assertTrue(ref.sameKey(again), () -> ref + " vs " + again);
        }
    }
}
