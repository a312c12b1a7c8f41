package io.byokwatch.infra;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The official Bicep type definitions (src/test/resources/bicep-types, copied unchanged from Azure/bicep-types-az):
 * which {@code type@apiVersion} exist, at which scopes each can be deployed, and the shape of each body. Types are
 * referenced as (file, index) pairs, as the {@code $ref}s in the files are.
 */
final class BicepTypes {
    static final Path ROOT = Path.of("src/test/resources/bicep-types");

    /** ScopeType flags of the type format. */
    static final int TENANT = 1;
    static final int MANAGEMENT_GROUP = 2;
    static final int SUBSCRIPTION = 4;
    static final int RESOURCE_GROUP = 8;
    static final int EXTENSION = 16;

    /** Property flags of the type format. */
    static final int REQUIRED = 1;
    static final int READ_ONLY = 2;

    record TypeRef(String file, int index) {
    }

    record ResourceDef(String key, TypeRef body, int readableScopes, int writableScopes) {
    }

    private final Map<String, ResourceDef> resources = new LinkedHashMap<>();
    private final Map<String, JsonArray> files = new HashMap<>();

    private BicepTypes(Path root) {
        JsonObject index = read(root.resolve("index.json")).getAsJsonObject().getAsJsonObject("resources");
        for (Map.Entry<String, JsonElement> e : index.entrySet()) {
            JsonObject where = e.getValue().getAsJsonArray().get(0).getAsJsonObject();
            String file = where.get("file").getAsString();
            JsonArray types = files.computeIfAbsent(file, f -> read(root.resolve(f)).getAsJsonArray());
            JsonObject resource = types.get(where.get("index").getAsInt()).getAsJsonObject();
            if (!"ResourceType".equals(resource.get("$type").getAsString())
                    || !resource.get("name").getAsString().equalsIgnoreCase(e.getKey())) {
                throw new IllegalStateException("index.json points " + e.getKey() + " at something else");
            }
            resources.put(e.getKey().toLowerCase(Locale.ROOT), new ResourceDef(e.getKey(), ref(file, resource.get("body")),
                    flag(resource, "readableScopes"), flag(resource, "writableScopes")));
        }
    }

    private static BicepTypes loaded;

    static synchronized BicepTypes load() {
        if (loaded == null) {
            loaded = new BicepTypes(ROOT);
        }
        return loaded;
    }

    /** The resource type, or null when the index has no such type and API version. */
    ResourceDef resource(String typeAtVersion) {
        return resources.get(typeAtVersion.toLowerCase(Locale.ROOT));
    }

    /** The API versions the index holds for a type, for a helpful message. */
    List<String> versionsOf(String type) {
        List<String> out = new ArrayList<>();
        String prefix = type.toLowerCase(Locale.ROOT) + "@";
        for (ResourceDef def : resources.values()) {
            if (def.key().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.add(def.key().substring(prefix.length()));
            }
        }
        return out;
    }

    JsonObject entry(TypeRef ref) {
        return files.get(ref.file()).get(ref.index()).getAsJsonObject();
    }

    /** A {@code {"$ref": "#/N"}} inside {@code file}. */
    static TypeRef ref(String file, JsonElement ref) {
        String r = ref.getAsJsonObject().get("$ref").getAsString();
        if (!r.startsWith("#/")) {
            throw new IllegalStateException("cross-file $ref " + r + " in " + file);
        }
        return new TypeRef(file, Integer.parseInt(r.substring(2)));
    }

    String kind(TypeRef ref) {
        return entry(ref).get("$type").getAsString();
    }

    /** A short human name for a type, for messages. */
    String describe(TypeRef ref) {
        JsonObject e = entry(ref);
        String kind = e.get("$type").getAsString();
        return switch (kind) {
            case "ObjectType", "DiscriminatedObjectType" -> "object " + e.get("name").getAsString();
            case "StringLiteralType" -> "'" + e.get("value").getAsString() + "'";
            case "UnionType" -> {
                TreeSet<String> parts = new TreeSet<>();
                e.getAsJsonArray("elements").forEach(x -> parts.add(describe(ref(ref.file(), x))));
                yield String.join(" | ", parts);
            }
            case "ArrayType" -> describe(ref(ref.file(), e.get("itemType"))) + "[]";
            case "StringType" -> "string";
            case "IntegerType" -> "int";
            case "BooleanType" -> "bool";
            case "AnyType" -> "any";
            default -> kind;
        };
    }

    static String scopes(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & TENANT) != 0) {
            out.add("tenant");
        }
        if ((flags & MANAGEMENT_GROUP) != 0) {
            out.add("managementGroup");
        }
        if ((flags & SUBSCRIPTION) != 0) {
            out.add("subscription");
        }
        if ((flags & RESOURCE_GROUP) != 0) {
            out.add("resourceGroup");
        }
        if ((flags & EXTENSION) != 0) {
            out.add("extension (scope: another resource)");
        }
        return out.isEmpty() ? "nowhere" : String.join(", ", out);
    }

    private static int flag(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null ? 0 : e.getAsInt();
    }

    private static JsonElement read(Path p) {
        try {
            return JsonParser.parseString(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
