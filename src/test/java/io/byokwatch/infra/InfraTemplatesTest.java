package io.byokwatch.infra;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.byokwatch.bootstrap.AccessSettings;
import io.byokwatch.bootstrap.DoctorSettings;
import io.byokwatch.bootstrap.KpiSettings;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.impact.EventTypes;
import io.byokwatch.impact.RoutedOperations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * There is no Bicep compiler here, so the templates are held to the code by reading them as text: what Event Grid
 * delivers is exactly what the router acts on, every setting the code reads is set, role ids are the documented
 * built-in ones, and event subscriptions point at functions that exist.
 */
class InfraTemplatesTest {
    private static final Path INFRA = Path.of("infra");
    /** Built-in role definition ids, as Azure documents them; a typo here would grant something else or fail. */
    private static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "acdd72a7-3385-48ef-bd42-f606fba81ae7", "reader",
            "73c42c96-874c-492b-b04d-ab87d138a893", "logAnalyticsReader",
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "storageBlobDataOwner",
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "storageQueueDataContributor",
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "storageTableDataContributor",
            "3913510d-42f4-4e42-8a64-420c390055eb", "monitoringMetricsPublisher",
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "storageBlobDataContributor",
            "4633458b-17de-408a-b874-0445c86b69e6", "keyVaultSecretsUser",
            "de139f84-1756-47ae-9be6-808fbbe84772", "websiteContributor");
    /** Key Vault data-plane roles over key material: byokwatch must never hold one. */
    private static final Set<String> KEY_MATERIAL_ROLES = Set.of("e147488a-f6f5-4113-8e2d-b22465e65bf6",
            "12338af0-0e69-4776-bea7-57ae8d297424", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "00482a5a-887f-4fb3-b363-3b7fe8e74483");

    private static String read(String file) throws IOException {
        return Files.readString(INFRA.resolve(file));
    }

    private static List<String> quotedListAfter(String text, String anchor) {
        int start = text.indexOf(anchor);
        assertTrue(start >= 0, "no " + anchor);
        int open = text.indexOf('[', start);
        int close = text.indexOf(']', open);
        Matcher m = Pattern.compile("'([^']+)'").matcher(text.substring(open, close));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void resourceEventFilter_isExactlyTheRoutedOperations_withinEventGridsLimit() throws IOException {
        List<String> filter = quotedListAfter(read("modules/resource-events.bicep"), "var routedOperations");
        assertEquals(new TreeSet<>(RoutedOperations.ALL), new TreeSet<>(filter));
        assertEquals(filter.size(), new HashSet<>(filter).size(), "no duplicates");
        // Event Grid allows 25 values across all the advanced filters of one event subscription, not per filter
        BicepSyntax.BicepFile events = BicepParser.parse(INFRA.resolve("modules/resource-events.bicep"));
        BicepEval eval = new BicepEval(events, Map.of());
        int values = 0;
        int filters = 0;
        for (BicepSyntax.Decl d : events.all(BicepSyntax.Kind.RESOURCE)) {
            List<BicepSyntax.Expr> found = new java.util.ArrayList<>();
            BicepSyntax.walk(d.value(), e -> {
                if (e instanceof BicepSyntax.Obj o && o.get("advancedFilters").isPresent()) {
                    found.add(o.get("advancedFilters").get());
                }
            });
            for (BicepSyntax.Expr advanced : found) {
                for (BicepSyntax.Expr f : ((BicepSyntax.Arr) advanced).items()) {
                    filters++;
                    Object v = eval.eval(((BicepSyntax.Obj) f).get("values").orElseThrow());
                    values += ((List<?>) v).size();
                }
            }
        }
        assertEquals(1, filters);
        assertEquals(RoutedOperations.ALL.size(), values);
        assertTrue(values <= 25, "Event Grid allows 25 filter values across all advanced filters, got " + values);
    }

    @Test
    void keyVaultSubscription_deliversExactlyTheKeyEventsTheRouterHandles() throws IOException {
        List<String> types = quotedListAfter(read("modules/keyvault-events.bicep"), "includedEventTypes");
        assertEquals(Set.of(EventTypes.KEY_NEW_VERSION_CREATED, EventTypes.KEY_NEAR_EXPIRY, EventTypes.KEY_EXPIRED,
                EventTypes.VAULT_ACCESS_POLICY_CHANGED), new HashSet<>(types));
        List<String> resourceTypes = quotedListAfter(read("modules/resource-events.bicep"), "includedEventTypes");
        assertEquals(Set.of(EventTypes.RESOURCE_WRITE_SUCCESS, EventTypes.RESOURCE_DELETE_SUCCESS), new HashSet<>(resourceTypes));
    }

    @Test
    void everySettingTheCodeReads_isSetByTheTemplate_andNoBYOKWATCHSettingIsUnknown() throws Exception {
        String app = read("modules/app.bicep");
        int start = app.indexOf("var baseSettings = {");
        String block = app.substring(start, app.indexOf("\n}", start));
        Set<String> set = new TreeSet<>();
        Matcher m = Pattern.compile("^\\s+([A-Za-z_][A-Za-z0-9_]*):", Pattern.MULTILINE).matcher(block);
        while (m.find()) {
            set.add(m.group(1));
        }
        Set<String> read = new TreeSet<>(settingNames());
        read.add("AZURE_CLIENT_ID");
        read.remove(Settings.STORAGE_CONNECTION);
        read.remove(Settings.ARM_ENDPOINT);
        read.remove(Settings.STATE_DIR);
        read.remove(Settings.INVENTORY_PATH);
        read.remove(AccessSettings.LOG_FILES);
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(set);
        assertTrue(missing.isEmpty(), "settings the code reads but infra/modules/app.bicep does not set: " + missing);
        Set<String> unknown = new TreeSet<>();
        for (String s : set) {
            if (s.startsWith("BYOKWATCH_") && !settingNames().contains(s)) {
                unknown.add(s);
            }
        }
        assertTrue(unknown.isEmpty(), "app.bicep sets settings no code reads: " + unknown);
    }

    @Test
    void localSettingsExample_listsEveryByokwatchSetting() throws Exception {
        JsonObject values = JsonParser.parseString(Files.readString(Path.of("local.settings.json.example")))
                .getAsJsonObject().getAsJsonObject("Values");
        for (String s : settingNames()) {
            if (s.startsWith("BYOKWATCH_")) {
                assertTrue(values.has(s), "local.settings.json.example lacks " + s);
            }
        }
    }

    @Test
    void roleDefinitionIds_areTheDocumentedBuiltInOnes_andNoneReachesKeyMaterial() throws IOException {
        Pattern var = Pattern.compile("var (\\w+) = '([0-9a-f-]{36})'");
        int seen = 0;
        for (Path f : bicepFiles()) {
            Matcher m = var.matcher(Files.readString(f));
            while (m.find()) {
                if (m.group(2).equals("7d7be79c-23ba-4033-84dd-45e2a5ccdd67")) {
                    assertEquals("aksCmkPolicy", m.group(1));
                    continue;
                }
                seen++;
                assertEquals(BUILT_IN_ROLES.get(m.group(2)), m.group(1), f + ": " + m.group(0));
            }
            for (String forbidden : KEY_MATERIAL_ROLES) {
                assertFalse(Files.readString(f).contains(forbidden), f + " grants a Key Vault key data role");
            }
        }
        assertTrue(seen >= 8, "the scan found the role variables");
    }

    @Test
    void eventSubscriptions_pointAtFunctionsThatExist() throws Exception {
        Set<String> functions = functionNames();
        Pattern target = Pattern.compile("/functions/(\\w+)'");
        int seen = 0;
        for (Path f : bicepFiles()) {
            Matcher m = target.matcher(Files.readString(f));
            while (m.find()) {
                seen++;
                assertTrue(functions.contains(m.group(1)), f + " targets unknown function " + m.group(1));
            }
        }
        assertEquals(2, seen);
        assertTrue(read("modules/app.bicep").contains("BYOKWATCH_RECONCILE_SCHEDULE: reconcileSchedule"));
    }

    @Test
    void queueAndTableNames_matchTheSettingsDefaults() throws IOException {
        String app = read("modules/app.bicep");
        Settings defaults = Settings.from(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "x"));
        assertTrue(app.contains("var verdictTable = '" + defaults.verdictTable() + "'"));
        assertTrue(app.contains("var outboxQueue = '" + defaults.outboxQueue() + "'"));
    }

    @Test
    void parametersExample_usesOnlyDeclaredParameters() throws IOException {
        String main = read("main.bicep");
        JsonObject params = JsonParser.parseString(read("main.parameters.example.json")).getAsJsonObject().getAsJsonObject("parameters");
        for (String p : params.keySet()) {
            assertTrue(Pattern.compile("^param " + p + " ", Pattern.MULTILINE).matcher(main).find(), "main.bicep has no param " + p);
        }
    }

    @Test
    void everyModuleReferenced_exists() throws IOException {
        Matcher m = Pattern.compile("'(modules/[\\w-]+\\.bicep|[\\w-]+\\.bicep)'").matcher(String.join("\n", bicepTexts()));
        int seen = 0;
        while (m.find()) {
            String ref = m.group(1);
            seen++;
            assertTrue(Files.exists(INFRA.resolve(ref)) || Files.exists(INFRA.resolve("modules").resolve(ref)), ref);
        }
        assertTrue(seen >= 6);
    }

    /** Every setting name the runtime and the access report read, from their public constants. */
    static Set<String> settingNames() throws IllegalAccessException {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> c : List.of(Settings.class, AccessSettings.class, DoctorSettings.class, KpiSettings.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && ((String) f.get(null)).matches("[A-Za-z_]+")) {
                    names.add((String) f.get(null));
                }
            }
        }
        return names;
    }

    static Set<String> functionNames() throws IOException, ClassNotFoundException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/byokwatch/functions"))) {
            for (Path f : files.toList()) {
                String cls = "io.byokwatch.functions." + f.getFileName().toString().replace(".java", "");
                for (Method m : Class.forName(cls).getDeclaredMethods()) {
                    FunctionName fn = m.getAnnotation(FunctionName.class);
                    if (fn != null) {
                        names.add(fn.value());
                    }
                }
            }
        }
        return names;
    }

    private static List<Path> bicepFiles() throws IOException {
        try (Stream<Path> s = Files.walk(INFRA)) {
            return s.filter(p -> p.toString().endsWith(".bicep")).sorted().toList();
        }
    }

    private static List<String> bicepTexts() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (Path p : bicepFiles()) {
            out.add(Files.readString(p));
        }
        return out;
    }
}
