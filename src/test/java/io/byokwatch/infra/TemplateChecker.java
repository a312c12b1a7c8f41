package io.byokwatch.infra;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.byokwatch.infra.BicepSyntax.BicepFile;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Decl;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.ForExpr;
import io.byokwatch.infra.BicepSyntax.Index;
import io.byokwatch.infra.BicepSyntax.Kind;
import io.byokwatch.infra.BicepSyntax.Lit;
import io.byokwatch.infra.BicepSyntax.Member;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Prop;
import io.byokwatch.infra.BicepSyntax.Ref;
import io.byokwatch.infra.BicepSyntax.Str;
import io.byokwatch.infra.BicepTypes.ResourceDef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Bicep compiler would refuse in byokwatch's templates, checked without it: resource types and API versions
 * that do not exist, property paths a type does not have, resources deployed at a scope their type does not allow,
 * module parameters and outputs that do not exist, values that must be known when a deployment starts but are not
 * (BCP120), references to undeclared symbols, unknown functions and imports of symbols that are not exported.
 */
final class TemplateChecker {
    /** Keys Bicep reads on a resource body beyond the type's own properties. */
    private static final Set<String> RESOURCE_KEYWORDS = Set.of("parent", "scope", "dependsOn");
    private static final Set<String> MODULE_KEYS = Set.of("name", "scope", "params", "dependsOn");
    /** Members of a resource symbol that are known when the deployment starts. */
    private static final Set<String> CONSTANT_RESOURCE_MEMBERS = Set.of("id", "name", "type", "apiVersion");
    /** The Bicep functions byokwatch's templates may call; a misspelt function name is an error. */
    static final Set<String> FUNCTIONS = Set.of("any", "array", "base64", "bool", "coalesce", "concat", "contains",
            "dataUri", "dateTimeAdd", "deployer", "deployment", "empty", "endsWith", "environment",
            "extensionResourceId", "filter", "first", "flatten", "format", "guid", "indexOf", "int", "intersection",
            "items", "join", "json", "last", "lastIndexOf", "length", "loadJsonContent", "loadTextContent",
            "managementGroup", "managementGroupResourceId", "map", "max", "min", "padLeft", "range", "reduce",
            "reference", "replace", "resourceGroup", "resourceId", "skip", "sort", "split", "startsWith", "string",
            "subscription", "subscriptionResourceId", "substring", "take", "tenant", "tenantResourceId", "toLower",
            "toObject", "toUpper", "trim", "union", "uniqueString", "uri", "uriComponent", "utcNow");

    private final BicepTypes types;
    private final Map<Path, BicepFile> parsed = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> checkedPaths = new java.util.TreeSet<>();

    TemplateChecker(BicepTypes types) {
        this.types = types;
    }

    /** Every problem found in the file and every module it uses, each "file:line: what". */
    List<String> check(Path file) {
        checkFile(file.toAbsolutePath().normalize(), new HashSet<>());
        return List.copyOf(problems);
    }

    /** "file resource.path" of every property the walk matched to its type definition. */
    Set<String> checkedPaths() {
        return checkedPaths;
    }

    BicepFile parsed(Path file) {
        return parsed.computeIfAbsent(file.toAbsolutePath().normalize(), BicepParser::parse);
    }

    private void checkFile(Path file, Set<Path> seen) {
        if (!seen.add(file)) {
            return;
        }
        BicepFile f = parsed(file);
        Map<String, Decl> symbols = f.symbols();
        Set<String> imported = imports(file, f);
        for (Decl d : f.decls()) {
            String where = file.getFileName() + ":" + d.line() + " " + (d.name() == null ? "import" : d.name());
            if (d.value() != null) {
                references(file, f, d, symbols, imported, where);
            }
            switch (d.kind()) {
                case RESOURCE -> resource(file, f, d, where);
                case MODULE -> {
                    Path target = file.getParent().resolve(d.target()).normalize();
                    if (!Files.exists(target)) {
                        problems.add(where + ": module file " + d.target() + " does not exist");
                        continue;
                    }
                    module(file, f, d, target, where);
                    checkFile(target, seen);
                }
                default -> {
                }
            }
        }
        moduleOutputs(file, f, symbols);
    }

    private void resource(Path file, BicepFile f, Decl d, String where) {
        ResourceDef def = types.resource(d.target());
        if (def == null) {
            String type = d.target().contains("@") ? d.target().substring(0, d.target().indexOf('@')) : d.target();
            problems.add(where + ": " + d.target() + " is not in the Bicep type index (versions there: "
                    + types.versionsOf(type) + ")");
            return;
        }
        Obj body = d.body();
        if (d.existing()) {
            for (Prop p : body.props()) {
                if (!Set.of("name", "scope", "parent").contains(p.key())) {
                    problems.add(where + ": an existing resource takes only name, scope and parent, not " + p.key());
                }
            }
        } else {
            TypeWalker walker = new TypeWalker(types, e -> resolveVar(file, f, e));
            walker.resourceBody(body, def.body(), d.name(), RESOURCE_KEYWORDS);
            walker.problems().forEach(p -> problems.add(file.getFileName() + ": " + p));
            walker.checkedPaths().forEach(p -> checkedPaths.add(file.getFileName() + " " + p));
            scope(f, d, def, where);
        }
        for (String key : List.of("name", "scope", "parent")) {
            body.get(key).ifPresent(e -> constantAtStart(file, f, e, where + " " + key));
        }
        if (d.condition() != null) {
            constantAtStart(file, f, d.condition(), where + " condition");
        }
        if (d.loop() != null) {
            constantAtStart(file, f, d.loop().source(), where + " loop");
        }
    }

    /** The type must be deployable where this declaration puts it. */
    private void scope(BicepFile f, Decl d, ResourceDef def, String where) {
        Obj body = d.body();
        if (body.get("parent").isPresent() || def.writableScopes() == 0) {
            return;
        }
        int needed;
        Optional<Expr> scope = body.get("scope");
        if (scope.isEmpty()) {
            needed = scopeFlag(f.targetScope());
        } else if (scope.get() instanceof Call c && c.target() == null && scopeFlag(c.name()) != 0) {
            needed = scopeFlag(c.name());
        } else {
            needed = BicepTypes.EXTENSION;
        }
        if ((def.writableScopes() & needed) == 0) {
            problems.add(where + ": " + def.key() + " cannot be deployed at " + BicepTypes.scopes(needed)
                    + "; it can be deployed at " + BicepTypes.scopes(def.writableScopes()));
        }
    }

    private static int scopeFlag(String scope) {
        return switch (scope) {
            case "tenant" -> BicepTypes.TENANT;
            case "managementGroup" -> BicepTypes.MANAGEMENT_GROUP;
            case "subscription" -> BicepTypes.SUBSCRIPTION;
            case "resourceGroup" -> BicepTypes.RESOURCE_GROUP;
            default -> 0;
        };
    }

    private void module(Path file, BicepFile f, Decl d, Path target, String where) {
        BicepFile m = parsed(target);
        Obj body = d.body();
        for (Prop p : body.props()) {
            if (!MODULE_KEYS.contains(p.key())) {
                problems.add(where + ": a module takes name, scope, params and dependsOn, not " + p.key());
            }
        }
        for (String key : List.of("name", "scope")) {
            body.get(key).ifPresent(e -> constantAtStart(file, f, e, where + " " + key));
        }
        if (d.condition() != null) {
            constantAtStart(file, f, d.condition(), where + " condition");
        }
        if (d.loop() != null) {
            constantAtStart(file, f, d.loop().source(), where + " loop");
        }
        if (body.get("name").isEmpty()) {
            problems.add(where + ": module without a name");
        }
        String moduleScope = m.targetScope();
        String givenScope = body.get("scope").map(e -> scopeOf(f, e)).orElse(f.targetScope());
        if (givenScope != null && !givenScope.equals(moduleScope)) {
            problems.add(where + ": " + d.target() + " targets " + moduleScope + " but is deployed at " + givenScope);
        }
        Map<String, Decl> params = new LinkedHashMap<>();
        m.all(Kind.PARAM).forEach(p -> params.put(p.name(), p));
        Obj given = body.get("params").filter(e -> e instanceof Obj).map(e -> (Obj) e).orElse(new Obj(List.of(), d.line()));
        for (Prop p : given.props()) {
            Decl param = params.get(p.key());
            if (param == null) {
                problems.add(where + ": " + d.target() + " has no parameter '" + p.key() + "'");
                continue;
            }
            String problem = paramValue(param, p.value());
            if (problem != null) {
                problems.add(where + ": parameter " + p.key() + " " + problem);
            }
        }
        for (Decl param : params.values()) {
            if (param.value() == null && given.get(param.name()).isEmpty()) {
                problems.add(where + ": " + d.target() + " requires parameter '" + param.name() + "'");
            }
        }
    }

    /** The scope a module's {@code scope} expression names, or null when it cannot be told here. */
    private static String scopeOf(BicepFile f, Expr e) {
        if (e instanceof Call c && c.target() == null && scopeFlag(c.name()) != 0) {
            return c.name();
        }
        if (e instanceof Ref r) {
            Decl d = f.symbols().get(r.name());
            if (d != null && d.kind() == Kind.RESOURCE && d.target().toLowerCase().startsWith("microsoft.resources/resourcegroups@")) {
                return "resourceGroup";
            }
        }
        return null;
    }

    /** A literal passed to a module parameter must fit its type and its @allowed list. */
    private static String paramValue(Decl param, Expr value) {
        String type = param.typeText();
        String kind = value instanceof Str s && s.literal() != null ? "string"
                : value instanceof Lit l && l.text().matches("true|false") ? "bool"
                : value instanceof Lit l2 && l2.text().matches("\\d+") ? "int"
                : value instanceof Obj ? "object"
                : value instanceof BicepSyntax.Arr ? "array" : null;
        if (kind != null && !type.equals(kind) && !(kind.equals("array") && type.endsWith("[]"))) {
            return "is " + kind + " but declared " + type;
        }
        Optional<BicepSyntax.Decorator> allowed = param.decorator("allowed");
        if (kind != null && allowed.isPresent() && allowed.get().args().get(0) instanceof BicepSyntax.Arr list) {
            boolean found = list.items().stream().anyMatch(i -> same(i, value));
            if (!found) {
                return "is not one of the values its @allowed list permits";
            }
        }
        return null;
    }

    private static boolean same(Expr a, Expr b) {
        if (a instanceof Str x && b instanceof Str y) {
            return x.literal() != null && x.literal().equals(y.literal());
        }
        if (a instanceof Lit x && b instanceof Lit y) {
            return x.text().equals(y.text());
        }
        return false;
    }

    /** Every {@code module.outputs.name} the file reads must be an output of that module. */
    private void moduleOutputs(Path file, BicepFile f, Map<String, Decl> symbols) {
        for (Decl d : f.decls()) {
            if (d.value() == null) {
                continue;
            }
            BicepSyntax.walk(d.value(), e -> {
                if (e instanceof Member out && out.target() instanceof Member outputs && outputs.name().equals("outputs")) {
                    Expr target = outputs.target() instanceof Index i ? i.target() : outputs.target();
                    if (target instanceof Ref r && symbols.get(r.name()) != null && symbols.get(r.name()).kind() == Kind.MODULE) {
                        Path moduleFile = file.getParent().resolve(symbols.get(r.name()).target()).normalize();
                        if (Files.exists(moduleFile) && parsed(moduleFile).find(Kind.OUTPUT, out.name()).isEmpty()) {
                            problems.add(file.getFileName() + ":" + out.line() + ": " + r.name() + " ("
                                    + symbols.get(r.name()).target() + ") has no output '" + out.name() + "'");
                        }
                    }
                }
            });
        }
    }

    /** Symbols must be declared, functions known, module and resource members reachable. */
    private void references(Path file, BicepFile f, Decl d, Map<String, Decl> symbols, Set<String> imported, String where) {
        for (String name : BicepSyntax.references(d.value())) {
            if (!symbols.containsKey(name) && !imported.contains(name) && !name.equals("az") && !name.equals("sys")) {
                problems.add(where + ": '" + name + "' is not declared in " + file.getFileName());
            }
        }
        BicepSyntax.walk(d.value(), e -> {
            if (e instanceof Call c && c.target() == null && !FUNCTIONS.contains(c.name())) {
                problems.add(file.getFileName() + ":" + c.line() + ": unknown function " + c.name() + "()");
            }
            if (e instanceof Call c && c.name().equals("loadJsonContent") && c.args().get(0) instanceof Str s && s.literal() != null
                    && !Files.exists(file.getParent().resolve(s.literal()))) {
                problems.add(file.getFileName() + ":" + c.line() + ": loadJsonContent('" + s.literal() + "') names no file");
            }
        });
        for (BicepSyntax.Decorator dec : d.decorators()) {
            if (!Set.of("description", "allowed", "minLength", "maxLength", "minValue", "maxValue", "secure", "export",
                    "metadata", "batchSize", "sealed").contains(dec.name())) {
                problems.add(where + ": unknown decorator @" + dec.name());
            }
        }
    }

    private Set<String> imports(Path file, BicepFile f) {
        Set<String> names = new HashSet<>();
        for (Decl d : f.all(Kind.IMPORT)) {
            Path from = file.getParent().resolve(d.target()).normalize();
            if (!Files.exists(from)) {
                problems.add(file.getFileName() + ":" + d.line() + ": import from " + d.target() + ", which does not exist");
                continue;
            }
            BicepFile source = parsed(from);
            for (String name : d.imported()) {
                names.add(name.startsWith("*") ? name.substring(1) : name);
                if (!name.startsWith("*") && source.decls().stream().noneMatch(x -> name.equals(x.name()) && x.hasDecorator("export"))) {
                    problems.add(file.getFileName() + ":" + d.line() + ": " + d.target() + " exports no '" + name + "'");
                }
            }
        }
        return names;
    }

    /** The value a variable reference stands for, or a JSON file loaded at compile time; null for anything else. */
    private Expr resolveVar(Path file, BicepFile f, Expr e) {
        if (e instanceof Ref r) {
            Optional<Decl> v = f.find(Kind.VAR, r.name());
            if (v.isPresent()) {
                return v.get().value();
            }
            for (Decl imp : f.all(Kind.IMPORT)) {
                if (imp.imported().contains(r.name())) {
                    return parsed(file.getParent().resolve(imp.target()).normalize()).find(Kind.VAR, r.name()).map(Decl::value).orElse(null);
                }
            }
        }
        if (e instanceof Call c && c.target() == null && c.name().equals("loadJsonContent") && c.args().size() == 1
                && c.args().get(0) instanceof Str s && s.literal() != null) {
            return JsonAsBicep.of(readJson(file.getParent().resolve(s.literal())));
        }
        return null;
    }

    /**
     * An ARM JSON template (as embedded in a policy's deployment): every resource's type and API version exist, each
     * body fits its type, each is deployable at the template's scope, nested deployments are checked the same way,
     * and every {@code parameters('x')} names a parameter the template declares.
     */
    List<String> checkArmTemplate(com.google.gson.JsonObject template, String where) {
        List<String> out = new ArrayList<>();
        String schema = template.get("$schema").getAsString();
        int scope = schema.contains("subscriptionDeploymentTemplate") ? BicepTypes.SUBSCRIPTION
                : schema.contains("managementGroupDeploymentTemplate") ? BicepTypes.MANAGEMENT_GROUP
                : schema.contains("tenantDeploymentTemplate") ? BicepTypes.TENANT : BicepTypes.RESOURCE_GROUP;
        Set<String> declared = template.has("parameters") ? template.getAsJsonObject("parameters").keySet() : Set.of();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("parameters\\('([^']+)'\\)").matcher(
                new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(withoutNested(template)));
        while (m.find()) {
            if (!declared.contains(m.group(1))) {
                out.add(where + ": parameters('" + m.group(1) + "') is not declared in the template");
            }
        }
        for (JsonElement r : template.getAsJsonArray("resources")) {
            com.google.gson.JsonObject resource = r.getAsJsonObject();
            String key = resource.get("type").getAsString() + "@" + resource.get("apiVersion").getAsString();
            String at = where + " " + resource.get("type").getAsString();
            ResourceDef def = types.resource(key);
            if (def == null) {
                out.add(at + ": " + key + " is not in the Bicep type index (versions there: "
                        + types.versionsOf(resource.get("type").getAsString()) + ")");
                continue;
            }
            int needed = resource.has("scope") ? BicepTypes.EXTENSION
                    : resource.has("resourceGroup") ? BicepTypes.RESOURCE_GROUP : scope;
            boolean child = resource.get("type").getAsString().split("/").length > 2;
            if (!child && def.writableScopes() != 0 && (def.writableScopes() & needed) == 0) {
                out.add(at + ": cannot be deployed at " + BicepTypes.scopes(needed));
            }
            TypeWalker walker = new TypeWalker(types, e -> null);
            walker.check(JsonAsBicep.of(JsonAsBicep.resourceBody(resource)), def.body(), at);
            out.addAll(walker.problems());
            walker.checkedPaths().forEach(p -> checkedPaths.add(where + " " + p));
            if (resource.get("type").getAsString().equalsIgnoreCase("Microsoft.Resources/deployments")) {
                com.google.gson.JsonObject inner = resource.getAsJsonObject("properties").getAsJsonObject("template");
                out.addAll(checkArmTemplate(inner, where + " > " + resource.get("name").getAsString()));
            }
        }
        return out;
    }

    /** The template without the templates of its nested deployments, whose parameters are their own. */
    private static com.google.gson.JsonObject withoutNested(com.google.gson.JsonObject template) {
        com.google.gson.JsonObject copy = template.deepCopy();
        for (JsonElement r : copy.getAsJsonArray("resources")) {
            com.google.gson.JsonObject props = r.getAsJsonObject().getAsJsonObject("properties");
            if (props != null && props.has("template")) {
                props.remove("template");
            }
        }
        return copy;
    }

    static JsonElement readJson(Path p) {
        try {
            return JsonParser.parseString(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * BCP120: a resource's or module's name, scope, parent, condition and loop are computed before the deployment
     * starts, so they may not depend on a module's outputs or on a resource's runtime properties, directly or through
     * variables.
     */
    private void constantAtStart(Path file, BicepFile f, Expr e, String where) {
        String runtime = runtimeDependency(f, e, new HashSet<>());
        if (runtime != null) {
            problems.add(where + " must be known when the deployment starts (BCP120), but depends on " + runtime);
        }
    }

    private String runtimeDependency(BicepFile f, Expr e, Set<String> seenVars) {
        String[] found = {null};
        BicepSyntax.walk(e, x -> {
            if (found[0] != null) {
                return;
            }
            if (x instanceof Member m) {
                Expr target = m.target() instanceof Index i ? i.target() : m.target();
                if (target instanceof Ref r) {
                    Decl d = f.symbols().get(r.name());
                    if (d != null && d.kind() == Kind.MODULE && !m.name().equals("name")) {
                        found[0] = r.name() + "." + m.name() + " (a module's " + m.name() + ")";
                    } else if (d != null && d.kind() == Kind.RESOURCE && !CONSTANT_RESOURCE_MEMBERS.contains(m.name())) {
                        found[0] = r.name() + "." + m.name() + " (a resource's runtime " + m.name() + ")";
                    }
                }
            } else if (x instanceof Call c && c.target() == null && (c.name().equals("reference") || c.name().startsWith("list"))) {
                found[0] = c.name() + "()";
            } else if (x instanceof Ref r && f.find(Kind.VAR, r.name()).isPresent() && seenVars.add(r.name())) {
                String inner = runtimeDependency(f, f.find(Kind.VAR, r.name()).get().value(), seenVars);
                if (inner != null) {
                    found[0] = inner + " through variable " + r.name();
                }
            }
        });
        return found[0];
    }

    /** True when a value of the file is built from a resource loop, for tests of the loop's source. */
    static boolean isLoop(Decl d) {
        return d.value() instanceof ForExpr;
    }
}
