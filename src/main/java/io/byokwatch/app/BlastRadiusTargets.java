package io.byokwatch.app;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what an incident responder has at hand into one key, vault, disk encryption set or user-assigned identity of
 * the inventory: a vault name or host, {@code vault/key}, a set or identity name, a key URL with or without version,
 * or a full ARM id. Identities are known from the clusters and sets that name them. A target the
 * inventory does not know is never answered with "nothing depends on it": it is {@link NotFound}, with the closest
 * names, and a name several resources share is {@link Ambiguous}, with each of them.
 *
 * <p>What is known comes from exported resources and from references to them: a vault no file exported is still
 * known (by host) when a set's key URL or a cluster's KMS key points into it.
 */
public final class BlastRadiusTargets {
    /** Which kinds a look-up may resolve to: {@code --key}, {@code --vault}, {@code --des}, or any. */
    public enum Scope { ANY, KEY, VAULT, SET, IDENTITY }

    /** A vault known by its data-plane host; {@code id} when an export or a reference named its ARM id. */
    public record Vault(String host, String name, ResourceId id) {
        String label() {
            return "vault " + name + (id != null ? " (" + id + ")" : " (" + host + ")");
        }
    }

    /** A key, versionless; {@code id} when an export named its ARM id. */
    public record Key(KeyRef ref, ResourceId id) {
        String label() {
            return "key " + ref.vaultName() + "/" + ref.name() + " (" + ref + ")";
        }
    }

    /** A disk encryption set; {@code exported} false when only a cluster names it. */
    public record EncryptionSet(ResourceId id, boolean exported) {
        String label() {
            return "disk encryption set " + id.name() + " (" + id + ")";
        }
    }

    /** A user-assigned identity a cluster (its KMS) or a disk encryption set reaches its key as. */
    public record Identity(ResourceId id) {
        String label() {
            return "user-assigned identity " + id.name() + " (" + id + ")";
        }
    }

    public sealed interface Resolution permits Found, Ambiguous, NotFound {
    }

    /** Exactly one of the four is set. */
    public record Found(Vault vault, Key key, EncryptionSet set, Identity identity) implements Resolution {
        public Found(Vault vault, Key key, EncryptionSet set) {
            this(vault, key, set, null);
        }
    }

    public record Ambiguous(List<String> candidates) implements Resolution {
    }

    public record NotFound(String reason, List<String> closest) implements Resolution {
    }

    private final Map<String, Vault> vaults = new LinkedHashMap<>();
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<ResourceId, EncryptionSet> sets = new LinkedHashMap<>();
    private final Map<ResourceId, Identity> identities = new LinkedHashMap<>();

    public BlastRadiusTargets(Collection<KeyVault> exportedVaults, Collection<VaultKey> exportedKeys,
                              Collection<DiskEncryptionSet> exportedSets, Collection<ManagedCluster> clusters) {
        for (KeyVault v : exportedVaults) {
            if (v.host() != null) {
                vaults.put(v.host(), new Vault(v.host(), v.name(), v.id()));
            }
        }
        for (VaultKey k : exportedKeys) {
            vault(k.ref().vaultHost(), k.id() == null ? null : k.id().topLevel());
            keys.merge(k.ref().keyId(), new Key(k.ref().versionless(), k.id()), (a, b) -> a.id() != null ? a : b);
        }
        for (DiskEncryptionSet s : exportedSets) {
            sets.put(s.id(), new EncryptionSet(s.id(), true));
            referenced(s.activeKey(), s.sourceVaultId());
            s.identity().userAssigned().keySet().forEach(i -> identities.putIfAbsent(i, new Identity(i)));
        }
        for (ManagedCluster c : clusters) {
            if (c.diskEncryptionSetId() != null) {
                sets.putIfAbsent(c.diskEncryptionSetId(), new EncryptionSet(c.diskEncryptionSetId(), false));
            }
            referenced(c.kms().key(), c.kms().keyVaultResourceId());
            c.identity().userAssigned().keySet().forEach(i -> identities.putIfAbsent(i, new Identity(i)));
        }
    }

    private void referenced(KeyRef key, ResourceId vaultId) {
        if (key == null) {
            return;
        }
        vault(key.vaultHost(), vaultId);
        keys.putIfAbsent(key.keyId(), new Key(key.versionless(), null));
    }

    private void vault(String host, ResourceId id) {
        Vault known = vaults.get(host);
        if (known == null) {
            vaults.put(host, new Vault(host, host.contains(".") ? host.substring(0, host.indexOf('.')) : host, id));
        } else if (known.id() == null && id != null) {
            vaults.put(host, new Vault(host, known.name(), id));
        }
    }

    /** Resolves the text within the scope. */
    public Resolution resolve(String text, Scope scope) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new NotFound("an empty target names nothing", List.of());
        }
        List<Object> matches;
        if (t.startsWith("/")) {
            ResourceId id = ResourceId.orNull(t);
            if (id == null) {
                return new NotFound("'" + t + "' is not an ARM resource id", List.of());
            }
            matches = byId(id);
        } else if (t.regionMatches(true, 0, "https://", 0, 8) || t.regionMatches(true, 0, "http://", 0, 7)) {
            matches = byUrl(t);
        } else if (t.contains("/")) {
            matches = byVaultAndKey(t);
        } else if (t.contains(".")) {
            matches = byHost(t);
        } else {
            matches = byName(t);
        }
        matches = matches.stream().filter(m -> inScope(m, scope)).toList();
        if (matches.size() == 1) {
            Object m = matches.get(0);
            return new Found(m instanceof Vault v ? v : null, m instanceof Key k ? k : null, m instanceof EncryptionSet s ? s : null,
                    m instanceof Identity i ? i : null);
        }
        if (matches.size() > 1) {
            return new Ambiguous(matches.stream().map(BlastRadiusTargets::label).sorted().toList());
        }
        return new NotFound("no " + what(scope) + " in the inventory matches '" + t + "'", closest(t, scope));
    }

    private List<Object> byId(ResourceId id) {
        String type = id.type();
        if (type.equals("microsoft.keyvault/vaults") || type.equals("microsoft.keyvault/managedhsms")) {
            return List.copyOf(vaults.values().stream().filter(v -> id.equals(v.id())).toList());
        }
        if (type.equals("microsoft.keyvault/vaults/keys") || type.equals("microsoft.keyvault/managedhsms/keys")) {
            ResourceId vaultId = id.topLevel();
            return List.copyOf(keys.values().stream().filter(k -> id.equals(k.id())
                    || (k.ref().name().equalsIgnoreCase(id.name()) && vaultIdOf(k).map(vaultId::equals).orElse(false))).toList());
        }
        if (type.equals("microsoft.compute/diskencryptionsets")) {
            EncryptionSet s = sets.get(id);
            return s == null ? List.of() : List.of(s);
        }
        if (type.equals("microsoft.managedidentity/userassignedidentities")) {
            Identity i = identities.get(id);
            return i == null ? List.of() : List.of(i);
        }
        return List.of();
    }

    private java.util.Optional<ResourceId> vaultIdOf(Key k) {
        if (k.id() != null) {
            return java.util.Optional.of(k.id().topLevel());
        }
        Vault v = vaults.get(k.ref().vaultHost());
        return java.util.Optional.ofNullable(v == null ? null : v.id());
    }

    private List<Object> byUrl(String url) {
        KeyRef ref = KeyRef.orNull(url);
        if (ref != null) {
            Key k = keys.get(ref.keyId());
            return k == null ? List.of() : List.of(k);
        }
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+", "");
            if (uri.getHost() != null && path.isEmpty()) {
                return byHost(uri.getHost());
            }
        } catch (IllegalArgumentException e) {
            // not a URL at all: nothing matches
        }
        return List.of();
    }

    private List<Object> byVaultAndKey(String text) {
        String[] parts = text.split("/+");
        if (parts.length < 2 || parts.length > 3) {
            return List.of();
        }
        String vault = parts[0].toLowerCase(Locale.ROOT);
        String key = parts[1];
        return List.copyOf(keys.values().stream().filter(k -> k.ref().name().equalsIgnoreCase(key)
                && (k.ref().vaultName().equals(vault) || k.ref().vaultHost().equals(stripPort(vault)))).toList());
    }

    private List<Object> byHost(String host) {
        Vault v = vaults.get(stripPort(host.toLowerCase(Locale.ROOT)));
        return v == null ? List.of() : List.of(v);
    }

    private List<Object> byName(String name) {
        List<Object> found = new ArrayList<>();
        vaults.values().stream().filter(v -> v.name().equalsIgnoreCase(name)).forEach(found::add);
        sets.values().stream().filter(s -> s.id().name().equalsIgnoreCase(name)).forEach(found::add);
        keys.values().stream().filter(k -> k.ref().name().equalsIgnoreCase(name)).forEach(found::add);
        identities.values().stream().filter(i -> i.id().name().equalsIgnoreCase(name)).forEach(found::add);
        return found;
    }

    private static String stripPort(String host) {
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean inScope(Object m, Scope scope) {
        return switch (scope) {
            case ANY -> true;
            case KEY -> m instanceof Key;
            case VAULT -> m instanceof Vault;
            case SET -> m instanceof EncryptionSet;
            case IDENTITY -> m instanceof Identity;
        };
    }

    private static String label(Object m) {
        if (m instanceof Vault v) {
            return v.label();
        }
        if (m instanceof Identity i) {
            return i.label();
        }
        return m instanceof Key k ? k.label() : ((EncryptionSet) m).label();
    }

    private static String what(Scope scope) {
        return switch (scope) {
            case ANY -> "key, vault, disk encryption set or user-assigned identity";
            case KEY -> "key";
            case VAULT -> "vault";
            case SET -> "disk encryption set";
            case IDENTITY -> "user-assigned identity";
        };
    }

    /** Up to three known targets nearest the text, compared in the form the text was written in. */
    private List<String> closest(String text, Scope scope) {
        KeyRef versioned = KeyRef.orNull(text);
        String t = (versioned != null ? versioned.versionless().toString() : text).toLowerCase(Locale.ROOT);
        record Scored(String label, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Object m : candidates(scope)) {
            int best = Integer.MAX_VALUE;
            for (String form : forms(m)) {
                best = Math.min(best, EditDistance.between(t, form.toLowerCase(Locale.ROOT)));
            }
            scored.add(new Scored(label(m), best));
        }
        Set<String> out = new LinkedHashSet<>();
        scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::label))
                .limit(3).forEach(s -> out.add(s.label()));
        return List.copyOf(out);
    }

    private List<Object> candidates(Scope scope) {
        List<Object> all = new ArrayList<>();
        all.addAll(vaults.values());
        all.addAll(keys.values());
        all.addAll(sets.values());
        all.addAll(identities.values());
        return all.stream().filter(m -> inScope(m, scope)).toList();
    }

    private static List<String> forms(Object m) {
        if (m instanceof Vault v) {
            List<String> f = new ArrayList<>(List.of(v.name(), v.host(), "https://" + v.host() + "/"));
            if (v.id() != null) {
                f.add(v.id().toString());
            }
            return f;
        }
        if (m instanceof Key k) {
            List<String> f = new ArrayList<>(List.of(k.ref().name(), k.ref().vaultName() + "/" + k.ref().name(), k.ref().toString()));
            if (k.id() != null) {
                f.add(k.id().toString());
            }
            return f;
        }
        if (m instanceof Identity i) {
            return List.of(i.id().name(), i.id().toString());
        }
        EncryptionSet s = (EncryptionSet) m;
        return List.of(s.id().name(), s.id().toString());
    }
}
