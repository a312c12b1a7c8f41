package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.PlanResolution;
import io.byokwatch.port.PlannedResource.Action;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an attribute of a plan instance, following the configuration's references when the plan leaves it unknown
 * until apply: through resources (by count index and for_each key), data sources, module variables and module
 * outputs, recursively. A value Azure assigns at apply (an id, a principal id, a key version) becomes a stand-in
 * derived from the resource that will hold it, so every reference to it yields the same stand-in. What cannot be
 * followed (a local value, an expression over several unknown resources) is {@link Resolved.Open} with the reason.
 */
final class TfResolver {
    /** The subscription segment of an id whose subscription the plan does not state. */
    static final String UNKNOWN_SEGMENT = "known-after-apply";
    private static final Map<String, String> ARM_TYPES = Map.of(
            "azurerm_kubernetes_cluster", "Microsoft.ContainerService/managedClusters",
            "azurerm_disk_encryption_set", "Microsoft.Compute/diskEncryptionSets",
            "azurerm_key_vault", "Microsoft.KeyVault/vaults",
            "azurerm_user_assigned_identity", "Microsoft.ManagedIdentity/userAssignedIdentities",
            "azurerm_key_vault_managed_hardware_security_module", "Microsoft.KeyVault/managedHSMs");
    private static final Map<String, String> VAULT_SUFFIX = Map.of(
            "public", "vault.azure.net", "usgovernment", "vault.usgovcloudapi.net", "china", "vault.azure.cn",
            "german", "vault.microsoftazure.de");

    private final TfPlan plan;
    private final Map<String, PlanResolution> resolutions = new LinkedHashMap<>();
    private final Set<String> visiting = new HashSet<>();
    private final Set<String> assumedCloud = new LinkedHashSet<>();
    private Map<String, Set<String>> subscriptionsByGroup;
    private Set<String> clientConfigSubscriptions;
    private Map<ResourceId, TfInstance> vaultsById;
    /** Ids are asked for again and again (each reference to a resource, each child of it); each is derived once. */
    private final Map<TfInstance, Resolved> armIds = new java.util.IdentityHashMap<>();

    /** Where a value was followed to: the reference text and the instance it named. */
    private record Hop(String reference, TfInstance target) {
    }

    /** The module instance an expression is evaluated in, and the key count.index / each.key stand for there. */
    private record Scope(List<TfAddress.Step> modules, String key) {
    }

    private record Candidate(Resolved value, List<Hop> hops) {
    }

    TfResolver(TfPlan plan) {
        this.plan = plan;
    }

    /** How each unknown value a mapper asked for was followed, in the order asked. */
    List<PlanResolution> resolutions() {
        return List.copyOf(resolutions.values());
    }

    /** Providers whose vault hosts were derived for the public cloud because the plan does not name one. */
    Set<String> assumedPublicCloud() {
        return assumedCloud;
    }

    TfPlan plan() {
        return plan;
    }

    /** The attribute at the path; unknown values are followed through the configuration. */
    Resolved resolve(TfInstance inst, Object... path) {
        return resolveTyped(inst, Set.of(), path);
    }

    /**
     * As {@link #resolve}, preferring, where an expression refers to several resources, the one of these types
     * (Terraform types, or ARM types of azapi resources): a body that names a resource group and a disk encryption
     * set takes its set id from the set.
     */
    Resolved resolveTyped(TfInstance inst, Set<String> types, Object... path) {
        List<Object> p = List.of(path);
        List<Hop> hops = new ArrayList<>();
        Resolved r = attribute(inst, p, hops, types);
        if (!hops.isEmpty() && inst.unknownAt(p)) {
            Hop last = hops.get(hops.size() - 1);
            String attribute = TfReference.pathText(p);
            resolutions.putIfAbsent(inst.address() + "|" + attribute, new PlanResolution(inst.address().toString(),
                    attribute, hops.get(0).reference(), last.target().address().toString(),
                    r instanceof Resolved.Open o ? o.reason() : r.text(), r instanceof Resolved.Expected));
        }
        return r;
    }

    /**
     * The instance of one of the types an expression outside any resource refers to (a provider configuration in the
     * module at {@code moduleAddress}, e.g. {@code module.aks}), or null.
     */
    TfInstance referencedBy(JsonObject expression, String moduleAddress, Set<String> types) {
        List<TfAddress.Step> modules = new ArrayList<>();
        if (moduleAddress != null && !moduleAddress.isBlank()) {
            List<String> parts = TfAddress.split(moduleAddress);
            for (int i = 0; i + 1 < parts.size(); i += 2) {
                modules.add(new TfAddress.Step(parts.get(i + 1), null));
            }
        }
        List<Hop> hops = new ArrayList<>();
        expression(new Scope(modules, null), expression, List.of(), hops, types);
        for (int i = hops.size() - 1; i >= 0; i--) {
            TfInstance target = hops.get(i).target();
            if (types.contains(target.type())) {
                return target;
            }
        }
        return null;
    }

    /** The instances of a resource type, in plan order. */
    List<TfInstance> ofType(String type) {
        return plan.instances.values().stream().filter(i -> !i.data() && type.equals(i.type())).toList();
    }

    private Resolved attribute(TfInstance inst, List<Object> path, List<Hop> hops) {
        return attribute(inst, path, hops, Set.of());
    }

    private Resolved attribute(TfInstance inst, List<Object> path, List<Hop> hops, Set<String> types) {
        if (!inst.unknownAt(path)) {
            return new Resolved.Known(inst.known(path));
        }
        String guard = inst.address() + "|" + TfReference.pathText(path);
        if (!visiting.add(guard)) {
            return new Resolved.Open(inst.address() + "." + TfReference.pathText(path) + " refers back to itself");
        }
        try {
            TfConfig.Resource config = plan.config.resource(inst.address());
            if (config != null) {
                JsonObject expressions = config.expressions();
                JsonElement e = expressions;
                for (int i = 0; i < path.size(); i++) {
                    if (e != null && e.isJsonObject() && isExpression(e.getAsJsonObject())) {
                        // a known map or object with an unknown member was built by the expression itself: the member
                        // comes from one of its references as a whole, not from a part of it
                        List<Object> container = path.subList(0, i);
                        boolean literal = !container.isEmpty() && inst.known(container) != null && !inst.unknownAt(container);
                        return expression(scopeOf(inst), e.getAsJsonObject(),
                                literal ? List.of() : path.subList(i, path.size()), hops, types);
                    }
                    e = step(e, path.get(i));
                }
                if (e != null && e.isJsonObject() && isExpression(e.getAsJsonObject())) {
                    return expression(scopeOf(inst), e.getAsJsonObject(), List.of(), hops, types);
                }
            }
            return expected(inst, path);
        } finally {
            visiting.remove(guard);
        }
    }

    private static JsonElement step(JsonElement e, Object step) {
        if (e == null) {
            return null;
        }
        if (step instanceof Integer i) {
            if (e.isJsonArray()) {
                return i < e.getAsJsonArray().size() ? e.getAsJsonArray().get(i) : null;
            }
            return null;
        }
        String name = step instanceof TfReference.Key k ? k.value() : step.toString();
        return e.isJsonObject() ? e.getAsJsonObject().get(name) : null;
    }

    private static boolean isExpression(JsonObject o) {
        return o.has("references") || o.has("constant_value");
    }

    private static Scope scopeOf(TfInstance inst) {
        return new Scope(inst.address().modules(), inst.address().key());
    }

    /** An expression from the configuration, evaluated as far as the plan allows, then the path applied. */
    private Resolved expression(Scope scope, JsonObject expr, List<Object> path, List<Hop> hops) {
        return expression(scope, expr, path, hops, Set.of());
    }

    private Resolved expression(Scope scope, JsonObject expr, List<Object> path, List<Hop> hops, Set<String> types) {
        List<String> refs = Json.texts(expr.get("references"));
        if (refs.isEmpty()) {
            return new Resolved.Known(Json.at(expr.get("constant_value"), path));
        }
        boolean keyed = false;
        boolean eachValue = false;
        Map<String, TfReference> longest = new LinkedHashMap<>();
        for (String text : refs) {
            TfReference ref = TfReference.parse(text);
            switch (ref.kind()) {
                case COUNT_INDEX, EACH_KEY -> keyed = true;
                case EACH_VALUE -> eachValue = true;
                case OTHER -> { }
                default -> longest.merge(ref.subject(), ref, (a, b) -> b.path().size() > a.path().size() ? b : a);
            }
        }
        // Terraform lists a keyed reference (x[0].id) once more without its key (x): that entry is not another source
        longest.values().removeIf(r -> r.kind() == TfReference.Kind.RESOURCE && r.address().key() == null
                && longest.values().stream().anyMatch(o -> o.kind() == TfReference.Kind.RESOURCE && o.address().key() != null
                && o.address().resource().equals(r.address().resource())));
        if (longest.isEmpty()) {
            return new Resolved.Open(eachValue ? "the value comes from each.value of a for_each, which the plan does"
                    + " not describe" : "the expression (" + String.join(", ", refs) + ") refers to nothing byokwatch follows");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (TfReference ref : longest.values()) {
            List<Hop> trail = new ArrayList<>();
            candidates.add(new Candidate(reference(scope, ref, keyed, path, trail, types), trail));
        }
        Candidate chosen = choose(candidates, types);
        if (chosen == null) {
            return new Resolved.Open("the value combines " + String.join(", ", longest.keySet())
                    + " and the plan does not say which one it takes");
        }
        hops.addAll(chosen.hops());
        return chosen.value();
    }

    /**
     * The value is unknown, so it comes from a source that is unknown too: the one candidate known only after apply,
     * else the only candidate there is. Several unknown sources cannot be told apart.
     */
    private Candidate choose(List<Candidate> candidates, Set<String> types) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<Candidate> expected = candidates.stream().filter(c -> c.value() instanceof Resolved.Expected).toList();
        if (!types.isEmpty()) {
            List<Candidate> typed = candidates.stream().filter(c -> leadsTo(c, types)).toList();
            List<Candidate> typedExpected = typed.stream().filter(expected::contains).toList();
            if (typedExpected.size() == 1) {
                return typedExpected.get(0);
            }
            if (typed.size() == 1) {
                return typed.get(0);
            }
        }
        if (expected.size() == 1) {
            return expected.get(0);
        }
        List<Candidate> open = candidates.stream().filter(c -> c.value() instanceof Resolved.Open).toList();
        return expected.isEmpty() && open.size() == 1 ? open.get(0) : null;
    }

    /** The candidate's last reference names a resource of one of the types (Terraform, or ARM for azapi). */
    private static boolean leadsTo(Candidate c, Set<String> types) {
        if (c.hops().isEmpty()) {
            return false;
        }
        TfInstance target = c.hops().get(c.hops().size() - 1).target();
        if (types.contains(target.type())) {
            return true;
        }
        String azapiType = "azapi_resource".equals(target.type()) ? Json.text(target.known(List.of("type"))) : null;
        if (azapiType == null) {
            return false;
        }
        String armType = azapiType.contains("@") ? azapiType.substring(0, azapiType.indexOf('@')) : azapiType;
        return types.stream().anyMatch(t -> t.equalsIgnoreCase(armType));
    }

    private Resolved reference(Scope scope, TfReference ref, boolean keyed, List<Object> extra, List<Hop> hops,
                               Set<String> types) {
        List<Object> path = new ArrayList<>(ref.path());
        path.addAll(extra);
        return switch (ref.kind()) {
            case RESOURCE -> resource(scope, ref, keyed, path, hops, types);
            case VARIABLE -> variable(scope, ref, path, hops, types);
            case MODULE_OUTPUT -> output(scope, ref, path, hops, types);
            case LOCAL -> new Resolved.Open("the value goes through " + ref.subject()
                    + ", and a plan's configuration does not describe local values");
            default -> new Resolved.Open("the value comes from " + ref.subject() + ", which byokwatch does not follow");
        };
    }

    private Resolved resource(Scope scope, TfReference ref, boolean keyed, List<Object> path, List<Hop> hops,
                              Set<String> types) {
        TfAddress target = ref.address().inModule(scope.modules());
        TfInstance inst;
        if (target.key() != null) {
            inst = plan.instance(target);
        } else {
            List<TfInstance> all = plan.instancesOf(target);
            TfInstance unkeyed = plan.instance(target);
            TfInstance sameKey = keyed && scope.key() != null ? plan.instance(target.withKey(scope.key())) : null;
            inst = unkeyed != null ? unkeyed : sameKey != null ? sameKey : all.size() == 1 ? all.get(0) : null;
            if (inst == null && all.size() > 1) {
                return new Resolved.Open(target + " has " + all.size() + " instances and the expression does not say"
                        + " which one");
            }
        }
        if (inst == null) {
            return new Resolved.Open(target + " is neither in the plan nor in its prior state");
        }
        if (inst.action() == Action.DELETE) {
            return new Resolved.Open(target + " is destroyed by this plan");
        }
        hops.add(new Hop(ref.subject() + (ref.path().isEmpty() ? "" : "." + TfReference.pathText(ref.path())), inst));
        if (path.isEmpty() && leadsTo(new Candidate(null, List.of(hops.get(hops.size() - 1))), types)) {
            // x[count.index].id: Terraform lists the reference only up to the computed index, so the attribute is
            // lost; where the value must be the id of a resource of this type, it is that resource's id
            path = List.of("id");
        }
        return attribute(inst, path, hops);
    }

    private Resolved variable(Scope scope, TfReference ref, List<Object> path, List<Hop> hops, Set<String> types) {
        if (scope.modules().isEmpty()) {
            JsonObject variable = Json.object(plan.variables, ref.name());
            if (variable == null) {
                return new Resolved.Open("root variable " + ref.name() + " has no value in the plan");
            }
            return new Resolved.Known(Json.at(variable.get("value"), path));
        }
        List<String> calls = scope.modules().stream().map(TfAddress.Step::name).toList();
        TfConfig.Call call = plan.config.call(calls);
        if (call == null) {
            return new Resolved.Open("the configuration of module " + String.join(".", calls) + " is not in the plan");
        }
        JsonObject argument = Json.object(call.expressions(), ref.name());
        if (argument == null) {
            JsonObject declared = Json.object(call.module().variables(), ref.name());
            return new Resolved.Known(declared == null ? null : Json.at(declared.get("default"), path));
        }
        List<TfAddress.Step> parent = scope.modules().subList(0, scope.modules().size() - 1);
        String key = scope.modules().get(scope.modules().size() - 1).key();
        return expression(new Scope(parent, key), argument, path, hops, types);
    }

    private Resolved output(Scope scope, TfReference ref, List<Object> path, List<Hop> hops, Set<String> types) {
        List<TfAddress.Step> child = new ArrayList<>(scope.modules());
        child.add(ref.module());
        List<String> calls = child.stream().map(TfAddress.Step::name).toList();
        TfConfig.Module module = plan.config.module(calls);
        JsonObject expression = module == null ? null : module.outputs().get(ref.name());
        if (expression == null) {
            return new Resolved.Open("output " + ref.name() + " of " + ref.module() + " is not in the plan's configuration");
        }
        TfConfig.Call call = plan.config.call(calls);
        if (ref.module().key() == null && call != null && call.repeated()) {
            return new Resolved.Open(ref.subject() + " does not say which instance of " + ref.module() + " it reads");
        }
        return expression(new Scope(child, null), expression, path, hops, types);
    }

    /** A value Azure assigns at apply, from what the plan says of the resource that will hold it. */
    private Resolved expected(TfInstance inst, List<Object> path) {
        String attr = TfReference.pathText(path);
        if (inst.data()) {
            return new Resolved.Open(inst.address() + " is read only during apply, so its " + attr + " is not in the plan");
        }
        String type = inst.type() == null ? "" : inst.type();
        switch (attr) {
            case "id" -> {
                return type.equals("azurerm_key_vault_key") ? keyUrl(inst, true) : armId(inst);
            }
            case "versionless_id" -> {
                return type.equals("azurerm_key_vault_key") ? keyUrl(inst, false) : unknown(inst, attr);
            }
            case "resource_id", "resource_versionless_id" -> {
                return type.equals("azurerm_key_vault_key") ? armId(inst) : unknown(inst, attr);
            }
            case "version" -> {
                return new Resolved.Expected(UNKNOWN_SEGMENT, "the version of " + inst.address() + ", known after apply");
            }
            case "vault_uri" -> {
                String host = vaultHost(inst);
                return host == null ? unknown(inst, attr) : new Resolved.Expected("https://" + host + "/",
                        "the URI of vault " + inst.address());
            }
            case "key_vault_key_url" -> {
                return type.equals("azurerm_disk_encryption_set") ? attribute(inst, List.of("key_vault_key_id"), new ArrayList<>())
                        : unknown(inst, attr);
            }
            case "identity[0].principal_id", "principal_id", "kubelet_identity[0].object_id", "identity[0].tenant_id",
                 "tenant_id", "client_id", "kubelet_identity[0].client_id" -> {
                return new Resolved.Expected(StandIns.principal(inst.address().toString(), attr), "the " + attr.replace("[0]", "")
                        + " of " + inst.address() + ", assigned when it is created");
            }
            default -> {
                return unknown(inst, attr);
            }
        }
    }

    private static Resolved unknown(TfInstance inst, String attr) {
        return new Resolved.Open(inst.address() + "." + attr + " is known only after apply, and nothing in the plan"
                + " says what it will be");
    }

    /** The ARM id the instance will have, with {@link #UNKNOWN_SEGMENT} for a subscription the plan does not state. */
    Resolved armId(TfInstance inst) {
        Resolved id = armIds.get(inst);
        if (id == null) {
            id = deriveArmId(inst);
            armIds.put(inst, id);
        }
        return id;
    }

    private Resolved deriveArmId(TfInstance inst) {
        String known = Json.text(inst.known(List.of("id")));
        if (known != null && ResourceId.orNull(known) != null) {
            return new Resolved.Known(inst.known(List.of("id")));
        }
        String type = inst.type() == null ? "" : inst.type();
        Resolved name = attribute(inst, List.of("name"), new ArrayList<>());
        if (name.text() == null) {
            return new Resolved.Open("the id of " + inst.address() + " depends on its name, which is known only after apply");
        }
        switch (type) {
            case "azurerm_kubernetes_cluster_node_pool" -> {
                return childId(inst, "kubernetes_cluster_id", "agentPools", name.text());
            }
            case "azurerm_key_vault_key" -> {
                return childId(inst, "key_vault_id", "keys", name.text());
            }
            case "azurerm_key_vault_access_policy" -> {
                return childId(inst, "key_vault_id", "accessPolicies", "add");
            }
            case "azapi_resource" -> {
                return azapiId(inst, name.text());
            }
            case "azurerm_role_assignment" -> {
                Resolved scope = attribute(inst, List.of("scope"), new ArrayList<>());
                if (scope.text() == null || ResourceId.orNull(scope.text()) == null) {
                    return new Resolved.Open("the scope of " + inst.address() + " is not known");
                }
                return expectedId(scope.text() + "/providers/Microsoft.Authorization/roleAssignments/" + name.text(), inst);
            }
            case "azurerm_resource_group" -> {
                String sub = subscription(inst, name.text());
                return expectedId("/subscriptions/" + (sub == null ? UNKNOWN_SEGMENT : sub) + "/resourceGroups/"
                        + name.text(), inst);
            }
            default -> {
            }
        }
        String armType = ARM_TYPES.get(type);
        if (armType == null) {
            return new Resolved.Open("byokwatch does not know the id shape of " + type + " " + inst.address());
        }
        Resolved group = attribute(inst, List.of("resource_group_name"), new ArrayList<>());
        if (group.text() == null) {
            return new Resolved.Open("the resource group of " + inst.address() + " is known only after apply");
        }
        String sub = subscription(inst, group.text());
        return expectedId("/subscriptions/" + (sub == null ? UNKNOWN_SEGMENT : sub) + "/resourceGroups/" + group.text()
                + "/providers/" + armType + "/" + name.text(), inst);
    }

    private Resolved childId(TfInstance inst, String parentAttribute, String childType, String name) {
        Resolved parent = attribute(inst, List.of(parentAttribute), new ArrayList<>());
        ResourceId parentId = parent.text() == null ? null : ResourceId.orNull(parent.text());
        if (parentId == null) {
            return new Resolved.Open(inst.address() + "." + parentAttribute + " is not known, so neither is its id");
        }
        return expectedId(parentId.child(childType, name).toString(), inst);
    }

    private Resolved azapiId(TfInstance inst, String name) {
        Resolved parent = attribute(inst, List.of("parent_id"), new ArrayList<>());
        String type = Json.text(inst.known(List.of("type")));
        ResourceId parentId = parent.text() == null ? null : ResourceId.orNull(parent.text());
        if (parentId == null || type == null) {
            return new Resolved.Open("the parent_id or type of " + inst.address() + " is not known");
        }
        String armType = type.contains("@") ? type.substring(0, type.indexOf('@')) : type;
        String[] segments = armType.split("/");
        String id = parentId.type().isEmpty() || segments.length == 2
                ? parentId + "/providers/" + armType + "/" + name
                : parentId + "/" + segments[segments.length - 1] + "/" + name;
        return expectedId(id, inst);
    }

    private static Resolved expectedId(String id, TfInstance inst) {
        return new Resolved.Expected(id, "the id of " + inst.address());
    }

    /** The key URL a planned key will have: its vault's host and name, with or without the version. */
    private Resolved keyUrl(TfInstance key, boolean versioned) {
        Resolved name = attribute(key, List.of("name"), new ArrayList<>());
        Resolved vault = attribute(key, List.of("key_vault_id"), new ArrayList<>());
        ResourceId vaultId = vault.text() == null ? null : ResourceId.orNull(vault.text());
        if (name.text() == null || vaultId == null) {
            return new Resolved.Open("the vault or name of key " + key.address() + " is known only after apply");
        }
        String host = hostFor(vaultId, key);
        return new Resolved.Expected("https://" + host + "/keys/" + name.text() + (versioned ? "/" + UNKNOWN_SEGMENT : ""),
                (versioned ? "the versioned id of " : "the id of ") + key.address());
    }

    /** The data-plane host of a vault in the plan: its vault_uri when known, else its name and the provider's cloud. */
    String vaultHost(TfInstance vault) {
        String uri = Json.text(vault.known(List.of("vault_uri")));
        if (uri != null) {
            String host = java.net.URI.create(uri.trim()).getHost();
            if (host != null) {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        String name = attribute(vault, List.of("name"), new ArrayList<>()).text();
        return name == null ? null : name.toLowerCase(Locale.ROOT) + "." + vaultSuffix(vault);
    }

    /** The host of the vault with this id: from a vault in the plan when there is one, else by name in its cloud. */
    String hostFor(ResourceId vaultId, TfInstance referrer) {
        if (vaultsById == null) {
            vaultsById = new HashMap<>();
            for (TfInstance v : plan.instances.values()) {
                if ("azurerm_key_vault".equals(v.type()) && v.action() != Action.DELETE) {
                    ResourceId id = ResourceId.orNull(armId(v).text());
                    if (id != null) {
                        vaultsById.putIfAbsent(id, v);
                    }
                }
            }
        }
        TfInstance planned = vaultsById.get(vaultId);
        String host = planned == null ? null : vaultHost(planned);
        return host != null ? host : vaultId.name().toLowerCase(Locale.ROOT) + "." + vaultSuffix(referrer);
    }

    private String vaultSuffix(TfInstance inst) {
        TfConfig.Resource config = plan.config.resource(inst.address());
        JsonObject provider = plan.config.providerExpressions(config == null ? null : config.providerConfigKey());
        String environment = provider == null ? null : Json.text(Json.object(provider, "environment"), "constant_value");
        if (environment == null) {
            assumedCloud.add(config == null || config.providerConfigKey() == null ? "azurerm" : config.providerConfigKey());
            return VAULT_SUFFIX.get("public");
        }
        return VAULT_SUFFIX.getOrDefault(environment.toLowerCase(Locale.ROOT), VAULT_SUFFIX.get("public"));
    }

    /**
     * The subscription the plan states for a resource: its provider's subscription_id, else the one every
     * azurerm_client_config and azurerm_subscription data source reports, else the one that holds its resource group
     * as far as known ids show. Null when the plan does not say.
     */
    String subscription(TfInstance inst, String resourceGroup) {
        TfConfig.Resource config = plan.config.resource(inst.address());
        JsonObject provider = plan.config.providerExpressions(config == null ? null : config.providerConfigKey());
        String configured = provider == null ? null : Json.text(Json.object(provider, "subscription_id"), "constant_value");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (clientConfigSubscriptions == null) {
            indexSubscriptions();
        }
        if (clientConfigSubscriptions.size() == 1) {
            return clientConfigSubscriptions.iterator().next();
        }
        Set<String> inGroup = subscriptionsByGroup.getOrDefault(resourceGroup.toLowerCase(Locale.ROOT), Set.of());
        return inGroup.size() == 1 ? inGroup.iterator().next() : null;
    }

    private void indexSubscriptions() {
        clientConfigSubscriptions = new LinkedHashSet<>();
        subscriptionsByGroup = new HashMap<>();
        for (TfInstance i : plan.instances.values()) {
            if (i.data() && ("azurerm_client_config".equals(i.type()) || "azurerm_subscription".equals(i.type()))) {
                String sub = Json.text(i.known(List.of("subscription_id")));
                if (sub != null && !sub.isBlank()) {
                    clientConfigSubscriptions.add(sub.toLowerCase(Locale.ROOT));
                }
            }
            ResourceId id = ResourceId.orNull(Json.text(i.known(List.of("id"))));
            if (id != null && id.subscriptionId() != null && id.resourceGroup() != null) {
                subscriptionsByGroup.computeIfAbsent(id.resourceGroup().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                        .add(id.subscriptionId());
            }
        }
    }
}
