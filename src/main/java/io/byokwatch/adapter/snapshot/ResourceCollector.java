package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps each resource object by kind into the growing snapshot; a resource that does not map becomes a problem. A
 * summary (no properties, see {@link Summary}) is kept as such, never mapped into a record whose missing fields would
 * read as "off". Two outputs name no resource of their own and are attributed by file name, which the README recipe
 * sets: Managed HSM local role assignments ({@code <hsm>.hsm-role-assignments.json}) and a key's default rotation
 * policy, which has no {@code id} ({@code <vault>.<key>.rotation-policy.json}).
 */
final class ResourceCollector implements ParsedSink {
    static final Pattern HSM_ASSIGNMENTS_FILE = Pattern.compile("(?i)^(.+)\\.hsm-role-assignments\\.json$");
    static final Pattern POLICY_FILE = Pattern.compile("(?i)^([^.]+)\\.([^.]+)\\.rotation-?policy\\.json$");
    /** What ARM's generic resource listing prints for any resource: nothing of these is a setting byokwatch judges. */
    private static final Set<String> ENVELOPE = Set.of("id", "name", "type", "location", "tags", "resourcegroup", "kind",
            "sku", "identity", "systemdata", "etag", "managedby", "plan", "zones", "extendedlocation", "subscriptionid",
            "tenantid", "changedtime", "createdtime");
    private static final Set<ResourceKind> SUMMARISABLE = Set.of(ResourceKind.MANAGED_CLUSTER, ResourceKind.AGENT_POOL,
            ResourceKind.DISK_ENCRYPTION_SET, ResourceKind.KEY_VAULT, ResourceKind.MANAGED_HSM);

    private final List<ManagedCluster> clusters = new ArrayList<>();
    private final List<AgentPool> agentPools = new ArrayList<>();
    private final List<DiskEncryptionSet> sets = new ArrayList<>();
    private final List<KeyVault> vaults = new ArrayList<>();
    private final List<VaultKey> keys = new ArrayList<>();
    private final List<VaultKey> keyVersions = new ArrayList<>();
    private final Map<KeyRef, RotationPolicy> rotationPolicies = new LinkedHashMap<>();
    private final List<RoleAssignment> roleAssignments = new ArrayList<>();
    private final List<RoleDefinition> roleDefinitions = new ArrayList<>();
    private final Map<String, List<JsonObject>> hsmAssignments = new LinkedHashMap<>();
    private final Map<JsonObject, Origin> hsmAssignmentOrigins = new IdentityHashMap<>();
    private final List<Summary> summaries = new ArrayList<>();
    private final Map<Object, Origin> origins = new IdentityHashMap<>();
    private final List<ManagedDisk> disks = new ArrayList<>();
    private final List<DiskSnapshot> diskSnapshots = new ArrayList<>();
    private final Interner interner = Interner.forLoad();
    private final List<LoadProblem> problems = new ArrayList<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final Map<String, Integer> skippedTypes = new HashMap<>();
    /** The place of the next object read in the load: the later of two disagreeing records wins. */
    private int order;

    /** Called before a file's resources: a correctly named HSM assignment file counts as an export even when empty. */
    @Override
    public void beginFile(Path file) {
        Matcher hsm = HSM_ASSIGNMENTS_FILE.matcher(file.getFileName().toString());
        if (hsm.matches()) {
            hsmAssignments.computeIfAbsent(hsm.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        }
    }

    @Override
    public void add(Path file, String position, JsonObject resource) {
        addMapped(map(file, position, resource, interner));
    }

    /** A mapper for one parsing thread: its own interner, so that threads share nothing while they map. */
    @Override
    public Mapper mapper() {
        Interner own = Interner.forLoad();
        return (file, position, resource) -> map(file, position, resource, own);
    }

    @Override
    public void addMapped(Mapped mapped) {
        mapped.applyTo(this, order++);
    }

    /**
     * What one object maps to, worked out without touching the collector (so any thread may do it); applying it
     * keeps it, in the order objects were read.
     */
    static Mapped map(Path file, String position, JsonObject resource, Interner interner) {
        ResourceKind kind = ArmMapper.kindOf(resource);
        JsonView view = JsonView.of(resource);
        Instant modifiedAt = Origin.modifiedAtOf(view);
        try {
            if (SUMMARISABLE.contains(kind) && summaryOnly(resource)) {
                ResourceId id = view.requiredResourceId("id");
                Summary summary = new Summary(kind, id, ArmMapper.nameOf(view, id), new Tags(view.textMembers("tags")), file);
                return (c, order) -> c.summaries.add(summary);
            }
            return switch (kind) {
                case MANAGED_CLUSTER -> kept(c -> c.clusters, ArmMapper.cluster(resource), file, modifiedAt);
                case AGENT_POOL -> kept(c -> c.agentPools, ArmMapper.agentPool(resource), file, modifiedAt);
                case DISK_ENCRYPTION_SET -> kept(c -> c.sets, ArmMapper.diskEncryptionSet(resource), file, modifiedAt);
                case KEY_VAULT, MANAGED_HSM -> kept(c -> c.vaults, ArmMapper.vault(resource), file, modifiedAt);
                case VAULT_KEY -> kept(c -> c.keys, ArmMapper.key(resource), file, modifiedAt);
                case KEY_VERSION -> kept(c -> c.keyVersions, ArmMapper.keyVersion(resource), file, modifiedAt);
                case ROTATION_POLICY -> {
                    KeyRef key = rotationPolicyKey(file, resource);
                    RotationPolicy policy = ArmMapper.rotationPolicy(resource);
                    yield (c, order) -> c.rotationPolicies.put(key, policy);
                }
                case ROLE_ASSIGNMENT -> kept(c -> c.roleAssignments, ArmMapper.roleAssignment(resource), file, modifiedAt);
                case ROLE_DEFINITION -> kept(c -> c.roleDefinitions, ArmMapper.roleDefinition(resource), file, modifiedAt);
                case HSM_ROLE_ASSIGNMENT -> {
                    String hsm = hsmAssignmentOwner(file);
                    yield (c, order) -> c.hsmAssignment(hsm, resource, new Origin(file, modifiedAt, order));
                }
                case MANAGED_DISK -> {
                    ManagedDisk disk = ArmMapper.disk(resource, interner);
                    yield (c, order) -> c.disks.add(disk);
                }
                case DISK_SNAPSHOT -> {
                    DiskSnapshot snapshot = ArmMapper.diskSnapshot(resource, interner);
                    yield (c, order) -> c.diskSnapshots.add(snapshot);
                }
                case UNKNOWN -> {
                    String type = ArmMapper.typeLabel(resource);
                    yield (c, order) -> c.skippedTypes.merge(type, 1, Integer::sum);
                }
            };
        } catch (SnapshotFormatException e) {
            LoadProblem problem = new LoadProblem(file, position, describe(kind, resource) + ": " + e.getMessage());
            Unreadable unreadable = null;
            if (kind != ResourceKind.UNKNOWN) {
                JsonElement id = view.raw("id");
                unreadable = new Unreadable(kind, id != null && id.isJsonPrimitive() ? ResourceId.orNull(id.getAsString()) : null,
                        hsmOwner(file), file, e.getMessage());
            }
            Unreadable noted = unreadable;
            return (c, order) -> {
                c.problems.add(problem);
                if (noted != null) {
                    c.unreadable.add(noted);
                }
            };
        }
    }

    /** A record kept in its list, with where it came from. */
    private static <T> Mapped kept(Function<ResourceCollector, List<T>> list, T record, Path file, Instant modifiedAt) {
        return (c, order) -> c.keep(list.apply(c), record, new Origin(file, modifiedAt, order));
    }

    private static String hsmOwner(Path file) {
        Matcher named = HSM_ASSIGNMENTS_FILE.matcher(file.getFileName().toString());
        return named.matches() ? named.group(1).toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public void problem(LoadProblem problem) {
        problems.add(problem);
    }

    Snapshot snapshot(int files) {
        Map<String, List<RoleAssignment>> hsm = new LinkedHashMap<>();
        hsmAssignments.forEach((name, raw) -> {
            ResourceId hsmId = hsmIdFor(name);
            List<RoleAssignment> mapped = new ArrayList<>();
            for (JsonObject o : raw) {
                Origin origin = hsmAssignmentOrigins.get(o);
                try {
                    RoleAssignment a = ArmMapper.managedHsmRoleAssignment(o, hsmId);
                    mapped.add(a);
                    origins.put(a, origin);
                } catch (SnapshotFormatException e) {
                    problems.add(new LoadProblem(origin.file(), "", "Managed HSM role assignment: " + e.getMessage()));
                    unreadable.add(new Unreadable(ResourceKind.HSM_ROLE_ASSIGNMENT, null, name, origin.file(), e.getMessage()));
                }
            }
            hsm.put(name, mapped);
        });
        return new Snapshot(clusters, agentPools, sets, vaults, keys, rotationPolicies, roleAssignments, problems,
                skippedTypes, files, disks, diskSnapshots, keyVersions, roleDefinitions, hsm, summaries, origins,
                unreadable);
    }

    private <T> void keep(List<T> list, T record, Origin origin) {
        list.add(record);
        origins.put(record, origin);
    }

    private static KeyRef rotationPolicyKey(Path file, JsonObject resource) {
        KeyRef key = ArmMapper.rotationPolicyKey(resource);
        if (key == null) {
            Matcher named = POLICY_FILE.matcher(file.getFileName().toString());
            if (!named.matches()) {
                throw new SnapshotFormatException("a rotation policy without id (what the service returns for a key that"
                        + " has no policy of its own) does not say whose it is; save `az keyvault key rotation-policy"
                        + " show --vault-name VAULT -n KEY` as <vault>.<key>.rotation-policy.json");
            }
            // a name-only reference (host without a domain): matched to the key by vault and key name
            key = new KeyRef(named.group(1), named.group(2), null);
        }
        return key;
    }

    private static String hsmAssignmentOwner(Path file) {
        Matcher named = HSM_ASSIGNMENTS_FILE.matcher(file.getFileName().toString());
        if (!named.matches()) {
            throw new SnapshotFormatException("a Managed HSM local role assignment does not say which HSM it belongs to;"
                    + " save `az keyvault role assignment list --hsm-name HSM` as <hsm>.hsm-role-assignments.json");
        }
        return named.group(1).toLowerCase(Locale.ROOT);
    }

    private void hsmAssignment(String hsm, JsonObject resource, Origin origin) {
        hsmAssignments.computeIfAbsent(hsm, k -> new ArrayList<>()).add(resource);
        hsmAssignmentOrigins.put(resource, origin);
    }

    /** The HSM's ARM id when its record was loaded; else a stand-in that keeps scopes comparable by name. */
    private ResourceId hsmIdFor(String name) {
        for (KeyVault v : vaults) {
            if (v.managedHsm() && v.name().equalsIgnoreCase(name)) {
                return v.id();
            }
        }
        for (Summary s : summaries) {
            if (s.kind() == ResourceKind.MANAGED_HSM && s.name().equalsIgnoreCase(name)) {
                return s.id();
            }
        }
        return ResourceId.parse("/providers/Microsoft.KeyVault/managedHSMs/" + name);
    }

    /** No {@code properties} and nothing beyond the generic listing's envelope. */
    static boolean summaryOnly(JsonObject resource) {
        for (Map.Entry<String, JsonElement> e : resource.entrySet()) {
            JsonElement v = e.getValue();
            boolean empty = v == null || v.isJsonNull() || (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()
                    && v.getAsString().isEmpty());
            if (!empty && !ENVELOPE.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ResourceKind kind, JsonObject resource) {
        String label = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        JsonElement id = JsonView.of(resource).raw("id");
        return id != null && id.isJsonPrimitive() ? label + " " + id.getAsString() : label + " without id";
    }
}
