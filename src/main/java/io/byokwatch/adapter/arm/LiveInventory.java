package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KeyVersion;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The estate as ARM and Resource Graph say it is now. Point reads ({@link #cluster}, {@link #diskEncryptionSet},
 * vaults, keys, role assignments) are ARM GETs mapped by {@link ArmMapper}, the same mapper snapshot files go
 * through; lists and reverse look-ups are Resource Graph queries whose rows go through it too.
 *
 * <p>Answers: 200 is found; 404 is absent ("ARM returned 404 Not Found for ..."); 403 is unknown, naming the read
 * permission byokwatch's identity lacks; anything else (after bounded retries), a spent read budget or an unreachable
 * endpoint is unknown with the status and ARM's error code. List methods that cannot get a complete answer throw
 * {@link ArmReadException} instead of returning a short list.
 *
 * <p>Scope: clusters are listed in the configured subscriptions and management group. Vaults and disk encryption
 * sets are looked up in every subscription the identity can read, since keys often live in a central subscription
 * outside the watched ones. For a management group, which subscriptions belong to it is whatever Resource Graph
 * returns for it.
 *
 * <p>Freshness: answers are cached for the configured TTL, so a burst of events costs one read per resource.
 * {@link #withFresh} gives a view in which the resource an event is about (and its cluster, for a node pool) is
 * answered only by an ARM read sent after the change: one already cached if it was sent late enough, else a new one.
 * So the changed resource is never seen as it was before the change, while duplicates and late events about it share
 * one read. Resource Graph lags ARM by seconds to minutes; reverse look-ups carry that lag, point reads do not, and a
 * Graph row never counts as a read after a change.
 */
public final class LiveInventory implements Inventory {
    private static final int SET_IDS_PER_QUERY = 200;
    private static final int SUBSCRIPTIONS_PER_QUERY = 1000;
    private static final String AGENT_POOLS = "microsoft.containerservice/managedclusters/agentpools";
    private static final String ACCESS_POLICIES = "microsoft.keyvault/vaults/accesspolicies";
    private static final String ASSIGNMENTS_SEGMENT = "/providers/microsoft.authorization/roleassignments/";
    private static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";
    /** No read is sent after this, so a view fresh "since" it always reads anew. */
    private static final Instant READ_NOW = Instant.MAX;

    private final ArmSettings settings;
    private final Clock clock;
    private final ArmTransport transport;
    private final ResourceGraph graph;
    private final ReadCache cache;
    private final ReadStats stats;
    private final Map<String, ResourceId> vaultIdsByHost;
    private final Set<String> subscriptions;
    /** Vault and Managed HSM host suffixes of the other clouds, whose keys no resource of this cloud can use. */
    private final Map<String, ArmCloud> otherClouds;
    /** The resources this view must not answer from before their change, with when that change was made. */
    private final Map<ResourceId, Instant> fresh;
    private final ConcurrentHashMap<String, Object> freshAnswers = new ConcurrentHashMap<>();

    /** Production: the default HTTP client, the system clock, real sleeping. */
    public LiveInventory(ArmSettings settings) {
        this(settings, null, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /**
     * @param httpClient the SDK HTTP client, or null for the default one (a proxy, or a test's trust store)
     */
    public LiveInventory(ArmSettings settings, HttpClient httpClient, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.stats = new ReadStats();
        this.transport = new ArmTransport(settings, httpClient, clock, sleeper,
                new ReadBudget(settings.readsPerMinute(), clock), stats);
        this.graph = new ResourceGraph(transport);
        this.cache = new ReadCache(settings.cacheTtl(), clock);
        this.vaultIdsByHost = new ConcurrentHashMap<>();
        this.subscriptions = settings.subscriptionIds().stream().map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.otherClouds = otherClouds(settings.cloud());
        this.fresh = Map.of();
    }

    private LiveInventory(LiveInventory base, Map<ResourceId, Instant> fresh) {
        this.settings = base.settings;
        this.clock = base.clock;
        this.transport = base.transport;
        this.graph = base.graph;
        this.cache = base.cache;
        this.stats = base.stats;
        this.vaultIdsByHost = base.vaultIdsByHost;
        this.subscriptions = base.subscriptions;
        this.otherClouds = base.otherClouds;
        this.fresh = fresh;
    }

    @Override
    public Inventory freshFor(ResourceId changed) {
        return withFresh(changed);
    }

    @Override
    public Inventory freshFor(ResourceId changed, Instant changedBy) {
        return withFresh(changed, changedBy);
    }

    /** A view that reads {@code changed} from ARM now, whatever the cache holds. */
    public LiveInventory withFresh(ResourceId changed) {
        return withFresh(changed, READ_NOW);
    }

    /**
     * A view for one change event: the first read of {@code changed} (and of its cluster when it is a node pool, of
     * its vault when it is the vault's access policies) is answered by a cached ARM read only if that read was sent
     * after {@code changedBy}, else it goes to ARM and refreshes the cache; that answer then serves every later read
     * of it in this view. Everything else, the cache, the budget and the counts are shared with this inventory.
     */
    public LiveInventory withFresh(ResourceId changed, Instant changedBy) {
        Instant by = changedBy == null ? READ_NOW : changedBy;
        Map<ResourceId, Instant> ids = new HashMap<>(fresh);
        ids.merge(changed, by, LiveInventory::later);
        if (changed.isType(AGENT_POOLS) || changed.isType(ACCESS_POLICIES)) {
            // Both live inside their parent's body: only a fresh read of the parent shows the change.
            ids.merge(changed.topLevel(), by, LiveInventory::later);
        }
        return new LiveInventory(this, Map.copyOf(ids));
    }

    /**
     * True when the resource's subscription is one of the configured ones or, with a management group configured,
     * one Resource Graph lists under that group.
     *
     * @throws ArmReadException when the management group's subscriptions cannot be listed
     */
    @Override
    public boolean inScope(ResourceId id) {
        String sub = id.subscriptionId();
        if (sub == null) {
            return false;
        }
        String s = sub.toLowerCase(Locale.ROOT);
        if (subscriptions.contains(s)) {
            return true;
        }
        if (settings.managementGroupId() == null) {
            return false;
        }
        Set<String> inGroup = new HashSet<>();
        for (JsonObject row : rows(Kql.subscriptions(), ResourceGraph.Scope.managementGroup(settings.managementGroupId()))) {
            String rowSub = text(row, "subscriptionId");
            if (rowSub != null) {
                inGroup.add(rowSub.toLowerCase(Locale.ROOT));
            }
        }
        return inGroup.contains(s);
    }

    /** What reading has cost so far, for this inventory and every view of it. */
    public ReadStats stats() {
        return stats;
    }

    @Override
    public List<ManagedCluster> clusters() {
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (ResourceGraph.Scope scope : watchedScopes()) {
            clustersFrom(rows(Kql.clusters(), scope)).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        return List.copyOf(found.values());
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        if (!ArmType.MANAGED_CLUSTER.matches(id)) {
            return Lookup.unknown(id + " is not an AKS cluster id (.../providers/Microsoft.ContainerService/"
                    + "managedClusters/<name>)");
        }
        Lookup<ManagedCluster> answer = read(id, ArmType.MANAGED_CLUSTER, ArmMapper::cluster);
        if (answer.orNull() != null) {
            rememberVault(answer.orNull());
        }
        return answer;
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        if (!ArmType.DISK_ENCRYPTION_SET.matches(id)) {
            return Lookup.unknown(id + " is not a disk encryption set id (.../providers/Microsoft.Compute/"
                    + "diskEncryptionSets/<name>)");
        }
        Lookup<DiskEncryptionSet> answer = read(id, ArmType.DISK_ENCRYPTION_SET, ArmMapper::diskEncryptionSet);
        if (answer.orNull() != null) {
            rememberVault(answer.orNull());
        }
        return answer;
    }

    /**
     * The vault behind a key URL host. When a disk encryption set or cluster already named the vault's ARM id, that
     * id is read directly; otherwise Resource Graph finds the vault by name and ARM reads it for current properties.
     * Absent only when ARM says 404 or a complete Resource Graph answer has no such vault.
     */
    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        String h = Kql.normaliseHost(host);
        if (!Kql.isHost(h)) {
            return Lookup.unknown("'" + host + "' is not a key vault host such as kv-prod.vault.azure.net");
        }
        ArmCloud other = cloudOf(h);
        if (other != null) {
            return Lookup.unknown(h + " serves keys in " + other + "; byokwatch reads " + settings.cloud()
                    + ", where no disk encryption set or cluster can use it");
        }
        ResourceId named = vaultIdsByHost.get(h);
        String namedEvidence = null;
        if (named != null) {
            Lookup<KeyVault> direct = readVault(named);
            KeyVault v = direct.orNull();
            if (v != null && servesHost(v, h) || direct instanceof Lookup.Unknown<KeyVault>) {
                return direct;
            }
            namedEvidence = v == null ? ((Lookup.Absent<KeyVault>) direct).evidence()
                    : named + " now serves " + v.host() + ", not " + h;
        }
        Lookup<ResourceId> located = locateVault(h);
        if (located instanceof Lookup.Found<ResourceId> f) {
            if (f.value().equals(named) && namedEvidence != null) {
                return Lookup.absent(namedEvidence + "; Resource Graph still lists it, which lags ARM");
            }
            Lookup<KeyVault> read = readVault(f.value());
            if (read.orNull() != null) {
                vaultIdsByHost.put(h, f.value());
            }
            return read;
        }
        if (located instanceof Lookup.Absent<ResourceId> a) {
            return Lookup.absent(namedEvidence == null ? a.evidence() : namedEvidence + "; " + a.evidence());
        }
        return Lookup.unknown(((Lookup.Unknown<ResourceId>) located).reason());
    }

    /** The key's management-plane resource ({@code {vault}/keys/{name}}), which carries its rotation policy. */
    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        Lookup<KeyVault> vault = vaultByHost(ref.vaultHost());
        if (vault instanceof Lookup.Absent<KeyVault> a) {
            return Lookup.absent("key " + ref.name() + " cannot exist without its vault: " + a.evidence());
        }
        if (vault instanceof Lookup.Unknown<KeyVault> u) {
            return Lookup.unknown("key " + ref.name() + " was not read because its vault was not: " + u.reason());
        }
        KeyVault kv = vault.orNull();
        ResourceId keyId = kv.id().child("keys", ref.name());
        return read(keyId, kv.managedHsm() ? ArmType.MANAGED_HSM_KEY : ArmType.VAULT_KEY, ArmMapper::key);
    }

    /** Every version of the key ({@code {vault}/keys/{name}/versions}, paged), newest first, for rotation figures. */
    @Override
    public Lookup<List<KeyVersion>> keyVersions(KeyRef ref) {
        Lookup<KeyVault> vault = vaultByHost(ref.vaultHost());
        if (vault instanceof Lookup.Absent<KeyVault> a) {
            return Lookup.absent("key " + ref.name() + " cannot exist without its vault: " + a.evidence());
        }
        if (vault instanceof Lookup.Unknown<KeyVault> u) {
            return Lookup.unknown("the versions of key " + ref.name() + " were not read because its vault was not: " + u.reason());
        }
        KeyVault kv = vault.orNull();
        ResourceId keyId = kv.id().child("keys", ref.name());
        ArmType type = kv.managedHsm() ? ArmType.MANAGED_HSM_KEY : ArmType.VAULT_KEY;
        String key = "versions " + keyId.key();
        Lookup<List<KeyVersion>> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        String doing = "listing the versions of key " + keyId;
        List<KeyVersion> all = new ArrayList<>();
        Instant sent = clock.instant();
        ArmResponse response = transport.get(ArmPaths.encode(keyId) + "/versions?api-version=" + type.apiVersion());
        while (true) {
            if (!response.ok()) {
                return notRead(response, keyId, type, doing);
            }
            JsonObject json = response.json();
            JsonElement value = json == null ? null : json.get("value");
            if (value == null || !value.isJsonArray()) {
                return Lookup.unavailable("ARM answered without a value array " + doing);
            }
            for (JsonElement e : (JsonArray) value) {
                try {
                    if (!e.isJsonObject()) {
                        throw new SnapshotFormatException("a version that is not a JSON object");
                    }
                    all.add(ArmMapper.keyVersion(e.getAsJsonObject()));
                } catch (SnapshotFormatException unreadable) {
                    stats.unreadable("key version of " + keyId + ": " + unreadable.getMessage());
                    return Lookup.unknown("ARM returned a key version byokwatch cannot read " + doing + ": "
                            + unreadable.getMessage());
                }
            }
            String next = text(json, "nextLink");
            if (next == null) {
                break;
            }
            response = transport.getNextLink(next);
        }
        all.sort(Comparator.comparing(KeyVersion::created, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(KeyVersion::version));
        Lookup<List<KeyVersion>> answer = Lookup.found(List.copyOf(all));
        cache.put(key, answer, sent);
        return answer;
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        String key = "roles " + scope.key();
        Instant changedBy = freshCovering(scope);
        if (changedBy != null) {
            return cast(freshAnswers.computeIfAbsent(key, k -> {
                Lookup<List<RoleAssignment>> recent = cache.getReadAfter(key, changedBy);
                if (recent != null) {
                    stats.cacheHit();
                    return recent;
                }
                return fetchRoleAssignments(scope, key);
            }));
        }
        Lookup<List<RoleAssignment>> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        return fetchRoleAssignments(scope, key);
    }

    /** Sets whose active or previous key URL names this host, with or without {@code :443}, in any case. */
    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        if (cloudOf(Kql.normaliseHost(vaultHost)) != null) {
            return List.of();
        }
        Map<ResourceId, DiskEncryptionSet> found = new TreeMap<>();
        for (JsonObject row : rows(Kql.setsUsingVault(vaultHost), ResourceGraph.Scope.VISIBLE)) {
            DiskEncryptionSet set = mapRow(row, ArmMapper::diskEncryptionSet, "disk encryption set");
            if (set != null) {
                cache.offer(armKey(set.id()), Lookup.found(set));
                rememberVault(set);
                found.putIfAbsent(set.id(), set);
            }
        }
        return List.copyOf(found.values());
    }

    /** One Resource Graph query per {@value #SET_IDS_PER_QUERY} set ids (and per watched scope), not one per set. */
    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        List<ResourceId> ids = List.copyOf(new LinkedHashSet<>(setIds));
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += SET_IDS_PER_QUERY) {
            String kql = Kql.clustersUsingSets(ids.subList(from, Math.min(ids.size(), from + SET_IDS_PER_QUERY)));
            for (ResourceGraph.Scope scope : watchedScopes()) {
                clustersFrom(rows(kql, scope)).forEach(c -> found.putIfAbsent(c.id(), c));
            }
        }
        return List.copyOf(found.values());
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        if (cloudOf(Kql.normaliseHost(vaultHost)) != null) {
            return List.of();
        }
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (ResourceGraph.Scope scope : watchedScopes()) {
            clustersFrom(rows(Kql.clustersWithKmsKeyIn(vaultHost), scope)).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        return List.copyOf(found.values());
    }

    private <T> Lookup<T> read(ResourceId id, ArmType type, Function<JsonObject, T> mapper) {
        String key = armKey(id);
        Instant changedBy = fresh.get(id);
        if (changedBy != null) {
            return cast(freshAnswers.computeIfAbsent(key, k -> {
                Lookup<T> recent = cache.getReadAfter(key, changedBy);
                if (recent != null) {
                    stats.cacheHit();
                    return recent;
                }
                return fetch(id, type, mapper, key);
            }));
        }
        Lookup<T> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        return fetch(id, type, mapper, key);
    }

    private <T> Lookup<T> fetch(ResourceId id, ArmType type, Function<JsonObject, T> mapper, String key) {
        Instant sent = clock.instant();
        ArmResponse response = transport.get(ArmPaths.resource(id, type.apiVersion()));
        Lookup<T> answer;
        if (response.ok()) {
            JsonObject body = response.json();
            if (body == null) {
                // a cut-off or garbled 200: the next read can be whole
                answer = Lookup.unavailable("ARM returned a body that is not a JSON object for " + id);
            } else {
                try {
                    answer = Lookup.found(mapper.apply(body));
                } catch (SnapshotFormatException e) {
                    stats.unreadable(type.label() + " " + id + ": " + e.getMessage());
                    answer = Lookup.unknown("ARM returned a " + type.label() + " byokwatch cannot read for " + id
                            + ": " + e.getMessage());
                }
            }
        } else {
            answer = notRead(response, id, type, "reading " + id);
        }
        if (!(answer instanceof Lookup.Unknown<T>)) {
            cache.put(key, answer, sent);
        }
        return answer;
    }

    private <T> Lookup<T> notRead(ArmResponse response, ResourceId id, ArmType type, String doing) {
        return switch (response.status()) {
            case 404 -> Lookup.absent("ARM returned 404 Not Found for " + id);
            case 403 -> Lookup.unknown("403 Forbidden " + doing + ": byokwatch's identity needs Reader ("
                    + type.readPermission() + ") on it");
            case 0 -> Lookup.unavailable(response.failure() + "; " + doing + " was not attempted or did not finish");
            default -> transientStatus(response.status())
                    ? Lookup.unavailable("ARM returned " + response.describe() + " " + doing + retryNote(response))
                    : Lookup.unknown("ARM returned " + response.describe() + " " + doing + retryNote(response));
        };
    }

    /** Throttling and server errors pass; other statuses (400, 401, 409...) say something about the request. */
    private static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private String retryNote(ArmResponse response) {
        Duration asked = RetryAfter.retryAfter(response.retryAfter(), clock.instant());
        if (response.status() == 429 && asked != null && asked.compareTo(ArmTransport.MAX_SERVER_WAIT) > 0) {
            return "; ARM asked to wait " + asked.toSeconds() + " s, longer than byokwatch waits ("
                    + ArmTransport.MAX_SERVER_WAIT.toSeconds() + " s)";
        }
        boolean retryable = response.status() == 408 || response.status() == 429 || response.status() >= 500;
        return retryable && settings.maxRetries() > 0 ? " after " + settings.maxRetries() + " retries" : "";
    }

    private Lookup<KeyVault> readVault(ResourceId id) {
        if (ArmType.MANAGED_HSM.matches(id)) {
            return read(id, ArmType.MANAGED_HSM, ArmMapper::vault);
        }
        if (ArmType.KEY_VAULT.matches(id)) {
            return read(id, ArmType.KEY_VAULT, ArmMapper::vault);
        }
        return Lookup.unknown(id + " is not a key vault or managed HSM id");
    }

    /** Resource Graph's answer to "which vault has this host's name", cached like a point read. */
    private Lookup<ResourceId> locateVault(String host) {
        String key = "vault-host " + host;
        Lookup<ResourceId> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        boolean hsm = host.contains(".managedhsm.");
        String what = hsm ? "managed HSM" : "key vault";
        String name = host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
        ResourceGraph.Result result = graph.query(Kql.vaultsNamed(name), ResourceGraph.Scope.VISIBLE);
        if (!result.complete()) {
            return Lookup.unavailable(result.failure() + "; cannot tell whether " + what + " " + name + " exists");
        }
        Lookup<ResourceId> answer = Lookup.absent("Resource Graph found no " + what + " named " + name + " (serving "
                + host + ") in " + ResourceGraph.Scope.VISIBLE.describe() + "; the query covered that whole scope");
        for (JsonObject row : result.rows()) {
            ResourceId id = ResourceId.orNull(text(row, "id"));
            if (id != null && (hsm ? ArmType.MANAGED_HSM : ArmType.KEY_VAULT).matches(id) && rowServesHost(row, host)) {
                answer = Lookup.found(id);
                break;
            }
        }
        cache.put(key, answer);
        return answer;
    }

    private Lookup<List<RoleAssignment>> fetchRoleAssignments(ResourceId scope, String key) {
        String doing = "listing role assignments at " + scope;
        List<RoleAssignment> all = new ArrayList<>();
        Instant sent = clock.instant();
        ArmResponse response = transport.get(ArmPaths.roleAssignmentsAt(scope));
        while (true) {
            if (!response.ok()) {
                Lookup<List<RoleAssignment>> failed = notRead(response, scope, ArmType.ROLE_ASSIGNMENTS, doing);
                return failed instanceof Lookup.Absent<List<RoleAssignment>>
                        ? Lookup.unknown("ARM returned 404 Not Found " + doing + ": the scope does not exist")
                        : failed;
            }
            JsonObject json = response.json();
            JsonElement value = json == null ? null : json.get("value");
            if (value == null || !value.isJsonArray()) {
                return Lookup.unavailable("ARM answered without a value array " + doing);
            }
            for (JsonElement e : (JsonArray) value) {
                if (!e.isJsonObject()) {
                    return Lookup.unknown("ARM returned a role assignment that is not a JSON object " + doing);
                }
                try {
                    all.add(ArmMapper.roleAssignment(e.getAsJsonObject()));
                } catch (SnapshotFormatException unreadable) {
                    // one unreadable assignment could be the grant that matters, so the whole answer is unknown
                    stats.unreadable("role assignment at " + scope + ": " + unreadable.getMessage());
                    return Lookup.unknown("ARM returned a role assignment byokwatch cannot read " + doing + ": "
                            + unreadable.getMessage());
                }
            }
            String next = text(json, "nextLink");
            if (next == null) {
                break;
            }
            response = transport.getNextLink(next);
        }
        Lookup<List<RoleAssignment>> answer = Lookup.found(List.copyOf(all));
        cache.put(key, answer, sent);
        return answer;
    }

    private List<JsonObject> rows(String kql, ResourceGraph.Scope scope) {
        String key = "graph " + scope + " " + kql;
        List<JsonObject> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        ResourceGraph.Result result = graph.query(kql, scope);
        if (!result.complete()) {
            throw new ArmReadException(result.failure());
        }
        cache.put(key, result.rows());
        return result.rows();
    }

    private List<ResourceGraph.Scope> watchedScopes() {
        List<ResourceGraph.Scope> scopes = new ArrayList<>();
        List<String> subs = settings.subscriptionIds();
        for (int from = 0; from < subs.size(); from += SUBSCRIPTIONS_PER_QUERY) {
            scopes.add(ResourceGraph.Scope.subscriptions(subs.subList(from,
                    Math.min(subs.size(), from + SUBSCRIPTIONS_PER_QUERY))));
        }
        if (settings.managementGroupId() != null) {
            scopes.add(ResourceGraph.Scope.managementGroup(settings.managementGroupId()));
        }
        return scopes;
    }

    /** Maps cluster rows; each also answers later point reads of that cluster until the TTL ends. */
    private List<ManagedCluster> clustersFrom(List<JsonObject> rows) {
        List<ManagedCluster> clusters = new ArrayList<>(rows.size());
        for (JsonObject row : rows) {
            ManagedCluster c = mapRow(row, ArmMapper::cluster, "AKS cluster");
            if (c != null) {
                cache.offer(armKey(c.id()), Lookup.found(c));
                rememberVault(c);
                clusters.add(c);
            }
        }
        return clusters;
    }

    private <T> T mapRow(JsonObject row, Function<JsonObject, T> mapper, String what) {
        try {
            return mapper.apply(row);
        } catch (SnapshotFormatException e) {
            stats.unreadable("Resource Graph " + what + " row " + text(row, "id") + ": " + e.getMessage());
            return null;
        }
    }

    private void rememberVault(DiskEncryptionSet set) {
        if (set.activeKey() != null && set.sourceVaultId() != null) {
            vaultIdsByHost.putIfAbsent(set.activeKey().vaultHost(), set.sourceVaultId());
        }
    }

    private void rememberVault(ManagedCluster cluster) {
        if (cluster.kms().key() != null && cluster.kms().keyVaultResourceId() != null) {
            vaultIdsByHost.putIfAbsent(cluster.kms().key().vaultHost(), cluster.kms().keyVaultResourceId());
        }
    }

    /**
     * When a role assignment this view is fresh for, and which could grant access at the scope, was changed (the
     * latest, if several); null when there is none.
     */
    private Instant freshCovering(ResourceId scope) {
        Instant changedBy = null;
        for (Map.Entry<ResourceId, Instant> entry : fresh.entrySet()) {
            String k = entry.getKey().key();
            int at = k.lastIndexOf(ASSIGNMENTS_SEGMENT);
            if (at < 0) {
                continue;
            }
            String assignmentScope = k.substring(0, at);
            if (assignmentScope.isEmpty() || assignmentScope.startsWith(MANAGEMENT_GROUPS)
                    || scope.key().equals(assignmentScope) || scope.key().startsWith(assignmentScope + "/")) {
                changedBy = changedBy == null ? entry.getValue() : later(changedBy, entry.getValue());
            }
        }
        return changedBy;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The other cloud whose vaults answer at this host, or null. The router asks about a changed vault under every
     * cloud's host names, since an ARM id does not say which; answering those here saves a Resource Graph query each.
     */
    private ArmCloud cloudOf(String host) {
        for (Map.Entry<String, ArmCloud> suffix : otherClouds.entrySet()) {
            if (host.endsWith(suffix.getKey())) {
                return suffix.getValue();
            }
        }
        return null;
    }

    private static Map<String, ArmCloud> otherClouds(ArmCloud ours) {
        Map<String, ArmCloud> suffixes = new HashMap<>();
        for (ArmCloud cloud : ArmCloud.values()) {
            if (cloud == ours) {
                continue;
            }
            for (String dns : new String[] {cloud.environment().getKeyVaultDnsSuffix(),
                    cloud.environment().getManagedHsmDnsSuffix()}) {
                if (dns != null && !dns.isBlank()) {
                    suffixes.put(suffix(dns), cloud);
                }
            }
        }
        return Map.copyOf(suffixes);
    }

    /** ".vault.azure.cn", whether the SDK spells it with the leading dot or not. */
    private static String suffix(String dnsSuffix) {
        String s = dnsSuffix.trim().toLowerCase(Locale.ROOT);
        return s.startsWith(".") ? s : "." + s;
    }

    private static boolean servesHost(KeyVault vault, String host) {
        return vault.host() == null || vault.host().equals(host);
    }

    private static boolean rowServesHost(JsonObject row, String host) {
        JsonElement properties = row.get("properties");
        if (properties == null || !properties.isJsonObject()) {
            return true;
        }
        String uri = text(properties.getAsJsonObject(), "vaultUri");
        uri = uri != null ? uri : text(properties.getAsJsonObject(), "hsmUri");
        if (uri == null) {
            return true;
        }
        try {
            String uriHost = URI.create(uri.trim()).getHost();
            return uriHost == null || Kql.normaliseHost(uriHost).equals(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String armKey(ResourceId id) {
        return "arm " + id.key();
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && !e.getAsString().isBlank() ? e.getAsString() : null;
    }

    @SuppressWarnings("unchecked")
    private static <T> Lookup<T> cast(Object answer) {
        return (Lookup<T>) answer;
    }
}
