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
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.Snapshot;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.adapter.snapshot.SnapshotLoader;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.policy.PolicyException;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of every parser that reads input byokwatch does not control. The contract: a result, or the
 * parser's documented exception type; any other exception (or an invariant broken on a result) is a finding. Plain
 * {@code mvn verify} replays the seeds and past findings in {@code ParsersFuzzTestInputs/<method>/}; see
 * {@code byokwatch-fuzz} for bounded and long fuzzing runs.
 */
@Tag("reliability")
class ParsersFuzzTest {
    private static final EventEnvelopeParser EVENTS = new EventEnvelopeParser();
    private static final Set<String> RULES = RuleCatalog.standard().ids();
    private static final Path TEMP;

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
