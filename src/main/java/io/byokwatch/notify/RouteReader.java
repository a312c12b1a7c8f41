package io.byokwatch.notify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.config.ConfigReader;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the routes of a notify config: each route's match (subscriptions, resource groups, tags, kinds, minimum
 * severity) and the declared channels it delivers to. Problems go to the shared reader, named by JSON path.
 */
final class RouteReader {
    private static final Set<String> ROUTE = Set.of("name", "match", "channels");
    private static final Set<String> MATCH = Set.of("subscriptions", "resourceGroups", "tags", "kinds", "minSeverity");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    private final ConfigReader reader;
    private final Set<String> declared;

    /** @param declared the channel names the config defines, valid or not (so a bad channel is reported once) */
    RouteReader(ConfigReader reader, Set<String> declared) {
        this.reader = reader;
        this.declared = declared;
    }

    List<Route> routes(JsonElement e) {
        List<Route> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonArray()) {
            reader.problem("routes", "expected an array of {\"match\": {...}, \"channels\": [...]}");
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            String at = "routes[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                reader.problem(at, "expected an object with match and channels");
                continue;
            }
            JsonObject r = a.get(i).getAsJsonObject();
            reader.unknownFields(r, ROUTE, at + ".", "field");
            String name = reader.optionalText(r, "name", at + ".name");
            RouteMatch match = RouteMatch.EVERYTHING;
            if (r.has("match")) {
                match = match(r.get("match"), at + ".match");
            }
            if (!r.has("channels")) {
                reader.problem(at + ".channels", "missing; name the channels this route delivers to");
            }
            List<String> channels = channelNames(r.get("channels"), at + ".channels");
            if (r.has("channels") && channels.isEmpty() && reader.problems().stream().noneMatch(p -> p.startsWith(at + ".channels"))) {
                reader.problem(at + ".channels", "name at least one channel");
            }
            if (match != null) {
                out.add(new Route(name == null ? at : name, match, channels));
            }
        }
        return out;
    }

    private RouteMatch match(JsonElement e, String at) {
        if (!e.isJsonObject()) {
            reader.problem(at, "expected an object, e.g. {\"subscriptions\": [...], \"kinds\": [\"opened\"]}");
            return null;
        }
        JsonObject m = e.getAsJsonObject();
        reader.unknownFields(m, MATCH, at + ".", "field");
        Set<String> subs = new LinkedHashSet<>();
        for (String s : reader.strings(m.get("subscriptions"), at + ".subscriptions", false)) {
            if (GUID.matcher(s).matches()) {
                subs.add(s);
            } else {
                reader.problem(at + ".subscriptions", "'" + s + "' is not a subscription id; e.g. 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
            }
        }
        Set<String> groups = new LinkedHashSet<>(reader.strings(m.get("resourceGroups"), at + ".resourceGroups", false));
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        JsonElement t = m.get("tags");
        if (t != null && !t.isJsonNull()) {
            if (!t.isJsonObject()) {
                reader.problem(at + ".tags", "expected an object of tag name to allowed values, e.g. {\"owner-team\": [\"payments\"]}");
            } else {
                for (Map.Entry<String, JsonElement> x : t.getAsJsonObject().entrySet()) {
                    List<String> values = reader.strings(x.getValue(), at + ".tags." + x.getKey(), false);
                    if (values.isEmpty()) {
                        reader.problem(at + ".tags." + x.getKey(), "list at least one value, e.g. [\"payments\"]");
                    }
                    tags.put(x.getKey(), new LinkedHashSet<>(values));
                }
            }
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : reader.strings(m.get("kinds"), at + ".kinds", false)) {
            if (RouteMatch.KINDS.contains(k.toLowerCase(Locale.ROOT))) {
                kinds.add(k);
            } else {
                reader.problem(at + ".kinds", "'" + k + "' is not an alert kind; use " + String.join(", ", new TreeSet<>(RouteMatch.KINDS)));
            }
        }
        if (kinds.stream().anyMatch(k -> k.equalsIgnoreCase(RouteMatch.ACCESS_REPORT))
                && (!subs.isEmpty() || !groups.isEmpty() || !tags.isEmpty())) {
            reader.problem(at + ".kinds", "the access report covers the whole estate, so subscriptions, resourceGroups and tags"
                    + " cannot apply to it; give access-report a route of its own without them");
        }
        if (kinds.stream().anyMatch(k -> k.equalsIgnoreCase(RouteMatch.KPI))
                && (!subs.isEmpty() || !groups.isEmpty() || !tags.isEmpty())) {
            reader.problem(at + ".kinds", "the KPI digest covers the whole estate, so subscriptions, resourceGroups and tags"
                    + " cannot apply to it; give kpi a route of its own without them");
        }
        Severity min = null;
        if (m.has("minSeverity")) {
            String s = reader.text(m, "minSeverity", at + ".minSeverity");
            if (s != null) {
                try {
                    min = Severity.parse(s);
                } catch (IllegalArgumentException ex) {
                    reader.problem(at + ".minSeverity", ex.getMessage());
                }
            }
        }
        return new RouteMatch(subs, groups, tags, kinds, min);
    }

    /** The channel names at {@code at}, each declared, without repeats. */
    List<String> channelNames(JsonElement e, String at) {
        List<String> out = new ArrayList<>();
        for (String n : reader.strings(e, at, false)) {
            if (!declared.contains(n)) {
                reader.problem(at, "unknown channel '" + n + "'; channels defined: " + (declared.isEmpty() ? "none"
                        : String.join(", ", new TreeSet<>(declared))));
            } else if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
