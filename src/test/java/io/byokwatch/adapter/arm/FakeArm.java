package io.byokwatch.adapter.arm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.byokwatch.domain.ResourceId;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * ARM and Resource Graph as far as byokwatch reads them, over HTTPS on 127.0.0.1: resource GETs by id (checking the
 * api-version for the type and the bearer token), role-assignment lists with {@code nextLink} paging, and Resource
 * Graph queries evaluated by {@link MiniKql} over the stored resources with scope filtering and {@code $skipToken}
 * paging. Scripted replies (429, 5xx) are served before the stored answer. Every request is recorded.
 */
public final class FakeArm implements AutoCloseable {
    public static final String TOKEN = "fixed-test-token";
    public static final String GRAPH_PATH = "/providers/Microsoft.ResourceGraph/resources";

    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply status(int status, String code) {
            return new Reply(status, Map.of(), error(code, "scripted " + status));
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body);
        }
    }

    public record Request(String method, String path, Map<String, String> query, String body, String authorization,
                   String userAgent) {
        public JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        public boolean isGraph() {
            return path.equalsIgnoreCase(GRAPH_PATH);
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Map<String, JsonObject> resources = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
    private final Deque<Reply> graphScript = new ArrayDeque<>();
    private final Map<String, List<String>> managementGroups = new ConcurrentHashMap<>();
    private final List<JsonObject> roleAssignments = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<String, String>> graphHeaders = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int graphPageSize = 1000;
    private volatile int roleAssignmentPageSize = 100;
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    /** Managed HSM local role assignments by HSM host, served at {@code /hsm/<host>/providers/...}. */
    private final Map<String, List<JsonObject>> hsmAssignments = new ConcurrentHashMap<>();
    private final Set<String> forbiddenPrefixes = ConcurrentHashMap.newKeySet();
    private volatile Duration latency = Duration.ZERO;
    private volatile Set<String> clusterApiVersions = Set.of(ApiVersions.MANAGED_CLUSTERS);
    private volatile String graphClusterApiVersion = GRAPH_CLUSTER_API_VERSION;

    /**
     * The AKS api-version Resource Graph's rows are taken to be serialised with: which one the AKS resource provider
     * registers for Resource Graph is not public, so by default one that predates KMS data encryption.
     */
    public static final String GRAPH_CLUSTER_API_VERSION = "2024-10-01";

    static {
        // Nagle's algorithm on the JDK server makes every answer wait for a delayed ACK (~25 ms on loopback). The JDK
        // reads this once, so the build sets it too, in case another test started an HTTP server first.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeArm() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestTls.get().serverContext));
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-arm");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeArm start() {
        try {
            return new FakeArm();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    public void reset() {
        resources.clear();
        scripted.clear();
        synchronized (graphScript) {
            graphScript.clear();
        }
        managementGroups.clear();
        roleAssignments.clear();
        graphHeaders.clear();
        requests.clear();
        graphPageSize = 1000;
        roleAssignmentPageSize = 100;
        forbidden.clear();
        hsmAssignments.clear();
        forbiddenPrefixes.clear();
        latency = Duration.ZERO;
        clusterApiVersions = Set.of(ApiVersions.MANAGED_CLUSTERS);
        graphClusterApiVersion = GRAPH_CLUSTER_API_VERSION;
    }

    /**
     * The AKS api-versions this ARM offers (default: the one byokwatch reads with); any other is refused with 400
     * NoRegisteredProviderFound, as ARM refuses a version a cloud does not have yet.
     */
    public void offerClusterApiVersions(String... versions) {
        clusterApiVersions = Set.of(versions);
    }

    /** The AKS api-version Resource Graph rows are serialised with (see {@link #GRAPH_CLUSTER_API_VERSION}). */
    public void graphClusterApiVersion(String version) {
        graphClusterApiVersion = version;
    }

    /**
     * An AKS cluster as ARM serialises it for an api-version: {@code kubernetesResourceObjectEncryptionProfile} exists
     * from 2026-05-02-preview and the stable 2026-07-01 (bicep-types-az types.md of those versions), so older versions
     * leave it out.
     */
    static JsonObject servedAt(JsonObject resource, String apiVersion) {
        ResourceId id = ResourceId.orNull(resource.has("id") ? resource.get("id").getAsString() : null);
        if (id == null || !id.type().equals("microsoft.containerservice/managedclusters")
                || showsObjectEncryption(apiVersion)) {
            return resource;
        }
        JsonObject copy = resource.deepCopy();
        JsonObject properties = copy.getAsJsonObject("properties");
        JsonObject security = properties == null ? null : properties.getAsJsonObject("securityProfile");
        if (security != null) {
            security.remove("kubernetesResourceObjectEncryptionProfile");
        }
        return copy;
    }

    private static boolean showsObjectEncryption(String apiVersion) {
        String v = apiVersion.toLowerCase(Locale.ROOT);
        return v.endsWith("-preview") ? v.compareTo("2026-05-02") >= 0 : v.compareTo("2026-07-01") >= 0;
    }

    /** The data-plane base URL the live inventory uses for a Managed HSM host in tests. */
    public String hsmBase(String host) {
        return endpoint() + "/hsm/" + host;
    }

    /** A Managed HSM's local role assignments, in the data plane's shape; null withdraws the HSM (answers 403). */
    public void hsmRoleAssignments(String host, List<JsonObject> assignments) {
        if (assignments == null) {
            hsmAssignments.remove(host.toLowerCase(Locale.ROOT));
        } else {
            hsmAssignments.put(host.toLowerCase(Locale.ROOT), List.copyOf(assignments));
        }
    }

    /** Stores an ARM body under its id; returns it for chaining. */
    public JsonObject put(JsonObject resource) {
        resources.put(resource.get("id").getAsString().toLowerCase(Locale.ROOT), resource);
        return resource;
    }

    public JsonObject putCorpus(String file) {
        try {
            return put(JsonParser.parseString(Files.readString(Path.of("src/test/resources/corpus", file)))
                    .getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body stored under the id, or null; the fake's own copy, so change a deep copy and put it back. */
    public JsonObject stored(ResourceId id) {
        return resources.get(id.key());
    }

    public void remove(ResourceId id) {
        resources.remove(id.key());
    }

    /** Replies served, in order, to GETs of this resource (or list) path before the stored answer. */
    public void script(String path, Reply... replies) {
        scripted.computeIfAbsent(path.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    public void scriptGraph(Reply... replies) {
        synchronized (graphScript) {
            graphScript.addAll(List.of(replies));
        }
    }

    /** Headers added to the Resource Graph answer for the given 1-based page. */
    public void graphHeadersOnPage(int page, Map<String, String> headers) {
        graphHeaders.put(String.valueOf(page), headers);
    }

    public void graphPageSize(int size) {
        graphPageSize = size;
    }

    public void managementGroup(String id, String... subscriptions) {
        managementGroups.put(id.toLowerCase(Locale.ROOT), List.of(subscriptions));
    }

    public void roleAssignment(JsonObject assignment) {
        roleAssignments.add(assignment);
    }

    /** Withdraws an assignment, as {@code az role assignment delete} would. */
    public void removeRoleAssignment(String assignmentId) {
        roleAssignments.removeIf(a -> a.get("id").getAsString().equalsIgnoreCase(assignmentId));
    }

    /** Every GET of this resource answers 403 until {@link #reset}, as when byokwatch's identity lacks Reader on it. */
    public void forbid(ResourceId id) {
        forbidden.add(id.key());
    }

    /**
     * Every GET at or below this path (a subscription, a resource group, a resource) answers 403 until {@link #reset},
     * as when byokwatch's identity holds no role there.
     */
    public void forbidBelow(String pathPrefix) {
        forbiddenPrefixes.add(pathPrefix.toLowerCase(Locale.ROOT));
    }

    /** Added to every answer, to stand for the round trip to ARM across the internet. */
    public void latency(Duration perRequest) {
        latency = perRequest;
    }

    public void roleAssignmentPageSize(int size) {
        roleAssignmentPageSize = size;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> graphRequests() {
        return requests().stream().filter(Request::isGraph).toList();
    }

    public List<Request> armGets() {
        return requests().stream().filter(r -> r.method().equals("GET")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Request request = new Request(exchange.getRequestMethod(), path, query, body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("User-Agent"));
            requests.add(request);
            pause();
            Reply reply = route(request);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private void pause() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply route(Request request) {
        if (!("Bearer " + TOKEN).equals(request.authorization())) {
            return new Reply(401, Map.of(), error("AuthenticationFailed", "missing or wrong bearer token"));
        }
        if (request.method().equals("POST") && request.isGraph()) {
            if (!ApiVersions.RESOURCE_GRAPH.equals(request.query().get("api-version"))) {
                return badVersion(request);
            }
            synchronized (graphScript) {
                if (!graphScript.isEmpty()) {
                    return graphScript.poll();
                }
            }
            return graph(request);
        }
        if (!request.method().equals("GET")) {
            return new Reply(405, Map.of(), error("MethodNotAllowed", request.method()));
        }
        Deque<Reply> script = scripted.get(request.path().toLowerCase(Locale.ROOT));
        if (script != null) {
            Reply next;
            synchronized (script) {
                next = script.poll();
            }
            if (next != null) {
                return next;
            }
        }
        String lower = request.path().toLowerCase(Locale.ROOT);
        if (lower.startsWith("/hsm/")) {
            return hsmRoleAssignments(request, lower);
        }
        for (String prefix : forbiddenPrefixes) {
            if (lower.equals(prefix) || lower.startsWith(prefix + "/")) {
                return new Reply(403, Map.of(), error("AuthorizationFailed", "The client does not have authorization to"
                        + " perform action 'read' over scope '" + request.path() + "'"));
            }
        }
        if (lower.endsWith("/providers/microsoft.authorization/roleassignments")) {
            return roleAssignments(request);
        }
        if (lower.endsWith("/versions") && lower.contains("/keys/")) {
            return versions(request, lower);
        }
        Reply list = list(request, lower);
        if (list != null) {
            return list;
        }
        ResourceId id = ResourceId.parse(request.path());
        if (forbidden.contains(id.key())) {
            return new Reply(403, Map.of(), error("AuthorizationFailed", "The client does not have authorization to"
                    + " perform action 'read' over scope '" + id + "'"));
        }
        String version = request.query().get("api-version");
        boolean cluster = id.type().equals("microsoft.containerservice/managedclusters");
        if (cluster && !clusterApiVersions.contains(version)) {
            return clusterVersionRefused(version);
        }
        if (!cluster && !expectedVersion(id).equals(version)) {
            return badVersion(request);
        }
        JsonObject resource = resources.get(id.key());
        if (resource == null) {
            return new Reply(404, Map.of(), error("ResourceNotFound", "The Resource '" + id + "' was not found."));
        }
        return new Reply(200, Map.of(), servedAt(resource, version).toString());
    }

    /** The api-version byokwatch reads each type with, by exact type or by provider. */
    private static final Map<String, String> VERSIONS = Map.of(
            "microsoft.containerservice/managedclusters", ApiVersions.MANAGED_CLUSTERS,
            "microsoft.compute/diskencryptionsets", ApiVersions.DISK_ENCRYPTION_SETS,
            "microsoft.compute/disks", ApiVersions.DISKS,
            "microsoft.compute/snapshots", ApiVersions.DISKS,
            "microsoft.keyvault/", ApiVersions.KEY_VAULT,
            "microsoft.eventgrid/", ApiVersions.EVENT_GRID,
            "microsoft.web/", ApiVersions.WEB,
            "microsoft.operationalinsights/", ApiVersions.WORKSPACES);

    /** ARM's answer to an AKS api-version this cloud does not offer. */
    private Reply clusterVersionRefused(String version) {
        return new Reply(400, Map.of(), error("NoRegisteredProviderFound", "No registered resource provider found for"
                + " location 'westeurope' and API version '" + version + "' for type 'managedClusters'. The supported"
                + " api-versions are '" + String.join(", ", new java.util.TreeSet<>(clusterApiVersions)) + "'."));
    }

    private static String expectedVersion(ResourceId id) {
        String type = id.type();
        for (Map.Entry<String, String> v : VERSIONS.entrySet()) {
            if (v.getKey().endsWith("/") ? type.startsWith(v.getKey()) : type.equals(v.getKey())) {
                return v.getValue();
            }
        }
        if (type.equals("microsoft.authorization/roledefinitions")) {
            return ApiVersions.ROLE_ASSIGNMENTS;
        }
        return "(no reads of " + type + " expected)";
    }

    /**
     * ARM collection GETs doctor reads: a subscription's resource groups and Event Grid system topics, a topic's event
     * subscriptions, a resource's diagnostic settings; null for any other path. Served from the stored resources.
     */
    private Reply list(Request request, String lower) {
        String[] parts = lower.split("/");
        String version;
        java.util.function.Predicate<String> member;
        if (parts.length == 4 && parts[1].equals("subscriptions") && parts[3].equals("resourcegroups")) {
            String prefix = "/subscriptions/" + parts[2] + "/resourcegroups/";
            version = ApiVersions.RESOURCE_GROUPS;
            JsonArray groups = new JsonArray();
            resources.keySet().stream().filter(id -> id.startsWith(prefix)).map(id -> id.substring(prefix.length()).split("/")[0])
                    .distinct().sorted().forEach(rg -> {
                        JsonObject g = new JsonObject();
                        g.addProperty("id", prefix + rg);
                        g.addProperty("name", rg);
                        g.addProperty("type", "Microsoft.Resources/resourceGroups");
                        g.addProperty("location", "westeurope");
                        groups.add(g);
                    });
            if (!version.equals(request.query().get("api-version"))) {
                return badVersion(request);
            }
            int top = request.query().containsKey("$top") ? Integer.parseInt(request.query().get("$top")) : groups.size();
            JsonArray page = new JsonArray();
            for (int i = 0; i < Math.min(top, groups.size()); i++) {
                page.add(groups.get(i));
            }
            JsonObject body = new JsonObject();
            body.add("value", page);
            return new Reply(200, Map.of(), body.toString());
        } else if (parts.length == 6 && parts[1].equals("subscriptions") && parts[3].equals("providers")
                && (parts[4] + "/" + parts[5]).equals("microsoft.eventgrid/systemtopics")) {
            String sub = "/subscriptions/" + parts[2] + "/";
            version = ApiVersions.EVENT_GRID;
            member = id -> id.startsWith(sub) && ResourceId.parse(id).type().equals("microsoft.eventgrid/systemtopics");
        } else if (parts.length == 6 && parts[1].equals("subscriptions") && parts[3].equals("providers")
                && (parts[4] + "/" + parts[5]).equals("microsoft.containerservice/managedclusters")) {
            String asked = request.query().get("api-version");
            if (!clusterApiVersions.contains(asked)) {
                return clusterVersionRefused(asked);
            }
            String sub = "/subscriptions/" + parts[2] + "/";
            List<JsonObject> clusters = resources.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(sub)
                            && ResourceId.parse(e.getKey()).type().equals("microsoft.containerservice/managedclusters"))
                    .sorted(Map.Entry.comparingByKey()).map(e -> servedAt(e.getValue(), asked)).toList();
            return page(request, clusters, asked);
        } else if (lower.endsWith("/eventsubscriptions") && lower.contains("/providers/microsoft.eventgrid/systemtopics/")) {
            version = ApiVersions.EVENT_GRID;
            member = id -> id.startsWith(lower + "/") && id.substring(lower.length() + 1).indexOf('/') < 0;
        } else if (lower.endsWith("/providers/microsoft.insights/diagnosticsettings")) {
            version = ApiVersions.DIAGNOSTIC_SETTINGS;
            member = id -> id.startsWith(lower + "/") && id.substring(lower.length() + 1).indexOf('/') < 0;
        } else {
            return null;
        }
        if (!version.equals(request.query().get("api-version"))) {
            return badVersion(request);
        }
        List<JsonObject> matching = resources.entrySet().stream().filter(e -> member.test(e.getKey()))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        return page(request, matching, version);
    }

    /** One page of an ARM list, {@code nextLink} to the next. */
    private Reply page(Request request, List<JsonObject> matching, String version) {
        int from = Integer.parseInt(request.query().getOrDefault("$skiptoken", "0"));
        int to = Math.min(matching.size(), from + roleAssignmentPageSize);
        JsonObject page = new JsonObject();
        JsonArray value = new JsonArray();
        matching.subList(from, to).forEach(value::add);
        page.add("value", value);
        if (to < matching.size()) {
            page.addProperty("nextLink", endpoint() + request.path() + "?api-version=" + version + "&$skiptoken=" + to);
        }
        return new Reply(200, Map.of(), page.toString());
    }

    private Reply roleAssignments(Request request) {
        if (!ApiVersions.ROLE_ASSIGNMENTS.equals(request.query().get("api-version"))
                || !"atScope()".equals(request.query().get("$filter"))) {
            return badVersion(request);
        }
        String scope = request.path().substring(0, request.path().toLowerCase(Locale.ROOT)
                .lastIndexOf("/providers/microsoft.authorization/roleassignments")).toLowerCase(Locale.ROOT);
        List<JsonObject> matching;
        synchronized (roleAssignments) {
            matching = roleAssignments.stream().filter(a -> {
                String s = a.getAsJsonObject("properties").get("scope").getAsString().toLowerCase(Locale.ROOT);
                return scope.equals(s) || scope.startsWith(s + "/");
            }).toList();
        }
        int from = Integer.parseInt(request.query().getOrDefault("$skiptoken", "0"));
        int to = Math.min(matching.size(), from + roleAssignmentPageSize);
        JsonObject page = new JsonObject();
        JsonArray value = new JsonArray();
        matching.subList(from, to).forEach(value::add);
        page.add("value", value);
        if (to < matching.size()) {
            page.addProperty("nextLink", endpoint() + request.path() + "?api-version=" + ApiVersions.ROLE_ASSIGNMENTS
                    + "&$filter=atScope()&$skiptoken=" + to);
        }
        return new Reply(200, Map.of(), page.toString());
    }

    private Reply hsmRoleAssignments(Request request, String lower) {
        String rest = lower.substring("/hsm/".length());
        String host = rest.substring(0, rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        if (!rest.equals(host + "/providers/microsoft.authorization/roleassignments")
                || !ApiVersions.MANAGED_HSM_DATA_PLANE.equals(request.query().get("api-version"))) {
            return badVersion(request);
        }
        List<JsonObject> assignments = hsmAssignments.get(host);
        if (assignments == null) {
            return new Reply(403, Map.of(), error("Forbidden", "Operation \"read\" is not allowed: caller lacks"
                    + " Microsoft.KeyVault/managedHsm/roleAssignments/read/action"));
        }
        JsonObject page = new JsonObject();
        JsonArray value = new JsonArray();
        assignments.forEach(value::add);
        page.add("value", value);
        return new Reply(200, Map.of(), page.toString());
    }

    private Reply versions(Request request, String lower) {
        if (!ApiVersions.KEY_VAULT.equals(request.query().get("api-version"))) {
            return badVersion(request);
        }
        JsonObject page = new JsonObject();
        JsonArray value = new JsonArray();
        resources.forEach((id, body) -> {
            if (id.startsWith(lower + "/")) {
                value.add(body);
            }
        });
        page.add("value", value);
        return new Reply(200, Map.of(), page.toString());
    }

    private Reply graph(Request request) {
        JsonObject body = request.json();
        JsonObject options = body.getAsJsonObject("options");
        if (options == null || !"objectArray".equals(options.get("resultFormat").getAsString())) {
            return new Reply(400, Map.of(), error("BadRequest", "the fake serves objectArray results only"));
        }
        List<JsonObject> rows;
        try {
            rows = MiniKql.run(body.get("query").getAsString(), tables(body));
        } catch (IllegalArgumentException e) {
            return new Reply(400, Map.of(), error("InvalidQuery", e.getMessage()));
        }
        int top = options.has("$top") ? options.get("$top").getAsInt() : 100;
        int size = Math.min(top, graphPageSize);
        int from = 0;
        if (options.has("$skipToken")) {
            String[] token = new String(java.util.Base64.getDecoder().decode(options.get("$skipToken").getAsString()),
                    StandardCharsets.UTF_8).split("\\|", 2);
            if (!token[1].equals(body.get("query").getAsString())) {
                return new Reply(400, Map.of(), error("BadRequest", "$skipToken belongs to another query"));
            }
            from = Integer.parseInt(token[0]);
        }
        int to = Math.min(rows.size(), from + size);
        JsonObject page = new JsonObject();
        page.addProperty("totalRecords", rows.size());
        page.addProperty("count", to - from);
        page.addProperty("resultTruncated", "false");
        if (to < rows.size()) {
            page.addProperty("$skipToken", java.util.Base64.getEncoder().encodeToString(
                    (to + "|" + body.get("query").getAsString()).getBytes(StandardCharsets.UTF_8)));
        }
        JsonArray data = new JsonArray();
        rows.subList(from, to).forEach(data::add);
        page.add("data", data);
        page.add("facets", new JsonArray());
        int pageNumber = from / Math.max(1, size) + 1;
        return new Reply(200, graphHeaders.getOrDefault(String.valueOf(pageNumber), Map.of()), page.toString());
    }

    /** Graph's tables as this scope sees them: lower-cased types, subscriptionId and resourceGroup columns. */
    private Map<String, List<JsonObject>> tables(JsonObject body) {
        List<String> subs = new ArrayList<>();
        boolean scoped = false;
        if (body.has("subscriptions")) {
            scoped = true;
            body.getAsJsonArray("subscriptions").forEach(s -> subs.add(s.getAsString().toLowerCase(Locale.ROOT)));
        }
        if (body.has("managementGroups")) {
            scoped = true;
            for (JsonElement mg : body.getAsJsonArray("managementGroups")) {
                managementGroups.getOrDefault(mg.getAsString().toLowerCase(Locale.ROOT), List.of())
                        .forEach(s -> subs.add(s.toLowerCase(Locale.ROOT)));
            }
        }
        List<JsonObject> rows = new ArrayList<>();
        List<String> allSubs = new ArrayList<>();
        for (JsonObject resource : resources.values()) {
            ResourceId id = ResourceId.parse(resource.get("id").getAsString());
            if (id.subscriptionId() == null || id.resourceGroup() == null) {
                continue; // role definitions and the like: not Resource Graph resources
            }
            String sub = id.subscriptionId().toLowerCase(Locale.ROOT);
            if (!allSubs.contains(sub)) {
                allSubs.add(sub);
            }
            if (scoped && !subs.contains(sub)) {
                continue;
            }
            JsonObject row = servedAt(resource, graphClusterApiVersion).deepCopy();
            row.addProperty("type", id.type());
            row.addProperty("subscriptionId", id.subscriptionId());
            row.addProperty("resourceGroup", id.resourceGroup().toLowerCase(Locale.ROOT));
            rows.add(row);
        }
        managementGroups.values().forEach(list -> list.forEach(s -> {
            if (!allSubs.contains(s.toLowerCase(Locale.ROOT))) {
                allSubs.add(s.toLowerCase(Locale.ROOT));
            }
        }));
        List<JsonObject> containers = new ArrayList<>();
        for (String sub : allSubs) {
            if (scoped && !subs.contains(sub)) {
                continue;
            }
            JsonObject row = new JsonObject();
            row.addProperty("id", "/subscriptions/" + sub);
            row.addProperty("name", sub);
            row.addProperty("type", "microsoft.resources/subscriptions");
            row.addProperty("subscriptionId", sub);
            containers.add(row);
        }
        Map<String, List<JsonObject>> tables = new HashMap<>();
        tables.put("resources", rows);
        tables.put("resourcecontainers", containers);
        return tables;
    }

    private static Reply badVersion(Request request) {
        return new Reply(400, Map.of(), error("InvalidApiVersionParameter",
                "unexpected query " + request.query() + " for " + request.path()));
    }

    static String error(String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
