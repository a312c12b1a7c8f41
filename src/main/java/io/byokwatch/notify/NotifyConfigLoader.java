package io.byokwatch.notify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.byokwatch.config.ConfigReader;
import io.byokwatch.config.ConfigSyntaxException;
import io.byokwatch.config.StrictJson;
import io.byokwatch.domain.Severity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Reads a notify config strictly, like the policy file: unknown fields, unknown channel names, missing settings, bad
 * values are errors naming the JSON path and the fix, all reported together, so a typo never silently drops alerts.
 *
 * <p>Channel URLs and signing secrets are never in the file: it names the settings (environment variables; Key Vault
 * references in Azure resolve to them) that hold them. Errors name the setting, never its value.
 *
 * <p>Route kind {@code access-report} sends the nightly Key Vault access report as a digest (Slack, Teams, the terminal)
 * or as the access-report JSON (webhooks, files, JSON stdout). The report covers the whole estate, so a route naming
 * it may not also filter by subscription, resource group or tag: those conditions are refused here rather than
 * silently ignored. Its {@code minSeverity} is compared with the report's most severe anomaly, and a report with
 * nothing unusual always passes, so a channel that asked for the report hears "nothing unusual" rather than nothing.
 * When no route names {@code access-report}, the {@code default} channels get the report; once one does, only the
 * routes naming it do (routes without {@code kinds} keep getting cluster alerts only).
 */
public final class NotifyConfigLoader {
    private static final Set<String> TOP = Set.of("channels", "routes", "default", "flapWindowMinutes", "dailyReminder",
            "delivery", "$schema", "description");
    private static final Set<String> DELIVERY = Set.of("maxAttempts", "timeoutSeconds", "allowLoopbackHttp");
    private static final Set<String> ROUTE = Set.of("name", "match", "channels");
    private static final Set<String> MATCH = Set.of("subscriptions", "resourceGroups", "tags", "kinds", "minSeverity");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    /** An HMAC-SHA256 key should carry 256 bits; 32 characters of hex or base64 is the least that can. */
    static final int MIN_SECRET_LENGTH = 32;
    private static final double MAX_PER_SECOND = 100;

    private final Map<String, String> settings;
    private ConfigReader reader = new ConfigReader();
    /** JSON path of each urlSetting/secretSetting to the setting it names. */
    private final Map<String, String> secretSettings = new LinkedHashMap<>();

    /** @param settings where {@code urlSetting} and {@code secretSetting} names are looked up (the environment) */
    public NotifyConfigLoader(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The config, the endpoints its settings resolve to, and a masker that knows every secret among them. */
    public record Loaded(NotifyConfig config, Map<String, Endpoint> endpoints, Secrets secrets) {
        public Loaded {
            endpoints = Map.copyOf(endpoints);
        }
    }

    public Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NotifyConfigException("notify config " + file, List.of("cannot be read (" + e.getClass().getSimpleName()
                    + "); check the path given to --notify-config or BYOKWATCH_NOTIFY_CONFIG"));
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** @param baseDir where relative {@code file} channel paths resolve */
    public Loaded parse(String text, String sourceName, Path baseDir) {
        reader = new ConfigReader();
        secretSettings.clear();
        JsonElement root;
        try {
            root = StrictJson.parse(text);
        } catch (ConfigSyntaxException e) {
            throw new NotifyConfigException(sourceName, List.of(e.getMessage()));
        }
        if (!root.isJsonObject()) {
            throw new NotifyConfigException(sourceName, List.of("the notify config must be a JSON object, like"
                    + " {\"channels\": {...}, \"routes\": [...], \"default\": [\"<channel>\"]}"));
        }
        JsonObject o = root.getAsJsonObject();
        reader.unknownFields(o, TOP, "", "field");
        Map<String, Channel> channels = new LinkedHashMap<>();
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        JsonObject delivery = reader.object(o, "delivery", "delivery");
        boolean loopback = delivery != null && reader.bool(delivery, "allowLoopbackHttp", "delivery.allowLoopbackHttp", false);
        int maxAttempts = delivery == null ? 8 : reader.integer(delivery, "maxAttempts", "delivery.maxAttempts", 8, 1, 50);
        int timeout = delivery == null ? 10 : reader.integer(delivery, "timeoutSeconds", "delivery.timeoutSeconds", 10, 1, 120);
        if (delivery != null) {
            reader.unknownFields(delivery, DELIVERY, "delivery.", "field");
        }
        JsonObject ch = reader.object(o, "channels", "channels");
        if (ch == null || ch.size() == 0) {
            problem("channels", "define at least one channel, e.g. {\"sec-teams\": {\"type\": \"teams\", \"urlSetting\":"
                    + " \"TEAMS_SEC_URL\"}}");
        } else {
            for (Map.Entry<String, JsonElement> e : ch.entrySet()) {
                channel(e.getKey(), e.getValue(), loopback, baseDir, channels, endpoints);
            }
        }
        List<Route> routes = routes(o.get("routes"), channels.keySet(), ch == null ? Set.of() : ch.keySet());
        List<String> defaults = channelNames(o.get("default"), "default", ch == null ? Set.of() : ch.keySet());
        if (!o.has("default")) {
            problem("default", "missing; name the channels that get alerts no route matches, e.g. [\"sec-teams\"]"
                    + " (every alert must reach someone)");
        } else if (defaults.isEmpty() && reader.problems().stream().noneMatch(p -> p.startsWith("default"))) {
            problem("default", "name at least one channel: alerts no route matches must still reach someone");
        }
        int flap = reader.integer(o, "flapWindowMinutes", "flapWindowMinutes", 60, 0, 1440);
        NotifyConfig.DailyReminder reminder = reminder(o);
        for (Map.Entry<String, String> s : secretSettings.entrySet()) {
            String value = settings.get(s.getValue());
            if (value != null && value.trim().length() >= 8 && text.contains(value.trim())) {
                problem(s.getKey(), "the config holds the value of setting " + s.getValue() + " itself; config files"
                        + " name settings only: remove the value from the file and rotate it, it may have been shared");
            }
        }
        if (reader.hasProblems()) {
            throw new NotifyConfigException(sourceName, reader.problems());
        }
        List<String> secretValues = new ArrayList<>();
        for (Endpoint e : endpoints.values()) {
            if (e.url() != null) {
                secretValues.add(e.url().toString());
            }
            if (e.signingSecret() != null) {
                secretValues.add(e.signingSecret());
            }
        }
        secretSettings.values().forEach(name -> secretValues.add(settings.get(name)));
        NotifyConfig config = new NotifyConfig(channels, routes, defaults, Duration.ofMinutes(flap), reminder, maxAttempts,
                Duration.ofSeconds(timeout), loopback);
        return new Loaded(config, endpoints, Secrets.of(secretValues));
    }

    private void channel(String name, JsonElement value, boolean loopback, Path baseDir, Map<String, Channel> channels,
                         Map<String, Endpoint> endpoints) {
        String at = "channels." + name;
        if (!CHANNEL_NAME.matcher(name).matches()) {
            problem(at, "channel names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return;
        }
        if (!value.isJsonObject()) {
            problem(at, "expected an object like {\"type\": \"slack\", \"urlSetting\": \"SLACK_URL\"}");
            return;
        }
        JsonObject c = value.getAsJsonObject();
        String typeText = reader.text(c, "type", at + ".type");
        if (typeText == null) {
            return;
        }
        ChannelType type;
        try {
            type = ChannelType.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(at + ".type", "'" + typeText + "' is not a channel type; use slack, teams, webhook, stdout or file");
            return;
        }
        Set<String> allowed = new LinkedHashSet<>(List.of("type", "description"));
        switch (type) {
            case SLACK, TEAMS -> allowed.addAll(List.of("urlSetting", "maxPerSecond"));
            case WEBHOOK -> allowed.addAll(List.of("urlSetting", "secretSetting", "maxPerSecond"));
            case STDOUT -> allowed.add("format");
            case FILE -> allowed.add("path");
        }
        for (String k : c.keySet()) {
            if (k.equalsIgnoreCase("url") || k.equalsIgnoreCase("secret") || k.equalsIgnoreCase("webhookUrl")) {
                problem(at + "." + k, "webhook URLs and secrets never go in the config file: store the value in a setting"
                        + " (an environment variable; in Azure an app setting or a Key Vault reference) and name it in "
                        + (k.equalsIgnoreCase("secret") ? "secretSetting" : "urlSetting") + ". Rotate the value if this file was shared.");
            } else if (!allowed.contains(k)) {
                problem(at + "." + k, "unknown field for a " + type.label() + " channel; expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        URI url = null;
        String secret = null;
        Path file = null;
        boolean asText = true;
        if (type.http()) {
            url = url(c, at, type, loopback);
        }
        if (type == ChannelType.WEBHOOK) {
            String setting = settingName(c, "secretSetting", at, "a random signing key of at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. from openssl rand -hex 32");
            if (setting != null) {
                secretSettings.put(at + ".secretSetting", setting);
                secret = settingValue(setting, at + ".secretSetting", "a random signing key of at least "
                        + MIN_SECRET_LENGTH + " characters, e.g. from openssl rand -hex 32");
                if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
                    problem(at + ".secretSetting", "the key in setting " + setting + " has " + secret.length()
                            + " characters; use at least " + MIN_SECRET_LENGTH + " random ones (openssl rand -hex 32)");
                }
            }
        }
        if (type == ChannelType.STDOUT && c.has("format")) {
            String f = reader.text(c, "format", at + ".format");
            if (f != null && !List.of("text", "json").contains(f)) {
                problem(at + ".format", "'" + f + "' is not a format; use text (readable) or json (one alert per line)");
            }
            asText = !"json".equals(f);
        }
        if (type == ChannelType.FILE) {
            String p = reader.text(c, "path", at + ".path");
            if (p != null) {
                Path given = Path.of(p);
                file = given.isAbsolute() || baseDir == null ? given : baseDir.resolve(given);
            }
        }
        double perSecond = type.defaultPerSecond();
        if (c.has("maxPerSecond")) {
            JsonElement r = c.get("maxPerSecond");
            if (r.isJsonPrimitive() && r.getAsJsonPrimitive().isNumber() && r.getAsDouble() > 0 && r.getAsDouble() <= MAX_PER_SECOND) {
                perSecond = r.getAsDouble();
            } else {
                problem(at + ".maxPerSecond", "expected a number above 0 and at most " + (int) MAX_PER_SECOND + ", found " + r
                        + (type == ChannelType.SLACK ? "; Slack allows about 1 per webhook" : type == ChannelType.TEAMS
                        ? "; Teams allows at most 4" : ""));
            }
        }
        channels.put(name, new Channel(name, type, asText, perSecond));
        endpoints.put(name, new Endpoint(url, secret, file));
    }

    private URI url(JsonObject c, String at, ChannelType type, boolean loopback) {
        String what = switch (type) {
            case SLACK -> "the Slack incoming webhook URL (https://hooks.slack.com/services/...)";
            case TEAMS -> "the Teams Workflows webhook URL (Office 365 connectors are retired)";
            default -> "the receiver's https URL";
        };
        String setting = settingName(c, "urlSetting", at, what);
        if (setting == null) {
            return null;
        }
        secretSettings.put(at + ".urlSetting", setting);
        String value = settingValue(setting, at + ".urlSetting", what);
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            problem(at + ".urlSetting", "setting " + setting + " does not hold a URL; set it to " + what);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problem(at + ".urlSetting", "setting " + setting + " does not hold an absolute https URL; set it to " + what);
            return null;
        }
        if (scheme.equals("http")) {
            if (!loopback || !isLoopback(uri.getHost())) {
                problem(at + ".urlSetting", "setting " + setting + " holds an http URL; alerts and signatures travel over"
                        + " https only" + (loopback ? " (delivery.allowLoopbackHttp admits http to 127.0.0.1, ::1 and"
                        + " localhost only)" : "; plain http is admitted for loopback test receivers with"
                        + " delivery.allowLoopbackHttp"));
                return null;
            }
        }
        if (uri.getRawUserInfo() != null) {
            problem(at + ".urlSetting", "setting " + setting + " holds a URL with a user name or password in it; webhook"
                    + " URLs authenticate by their path or signature, remove the user info");
            return null;
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            // a literal address: no name lookup happens
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private String settingName(JsonObject c, String field, String at, String what) {
        JsonElement e = c.get(field);
        if (e == null || e.isJsonNull()) {
            problem(at + "." + field, "missing; name the setting that holds " + what + ", e.g. \"" + field + "\": \""
                    + (field.equals("secretSetting") ? "SIEM_SIGNING_SECRET" : "SLACK_PAYMENTS_URL") + "\"");
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            problem(at + "." + field, "expected the name of a setting, as a string");
            return null;
        }
        String name = e.getAsString().trim();
        if (name.contains("://") || name.toLowerCase(Locale.ROOT).startsWith("http")) {
            problem(at + "." + field, "holds a URL, but it names a setting: put the URL in a setting (an environment"
                    + " variable or app setting) and give its name here. Rotate the URL if this file was shared.");
            return null;
        }
        if (!SETTING_NAME.matcher(name).matches()) {
            problem(at + "." + field, "is not a setting name (letters, digits and '_', not starting with a digit);"
                    + " e.g. SLACK_PAYMENTS_URL");
            return null;
        }
        return name;
    }

    private String settingValue(String name, String at, String what) {
        String v = settings.get(name);
        if (v == null || v.isBlank()) {
            problem(at, "setting " + name + " is not set; set it to " + what + " (locally an environment variable, in"
                    + " Azure an app setting, e.g. @Microsoft.KeyVault(SecretUri=...))");
            return null;
        }
        return v.trim();
    }

    private List<Route> routes(JsonElement e, Set<String> validChannels, Set<String> declared) {
        List<Route> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonArray()) {
            problem("routes", "expected an array of {\"match\": {...}, \"channels\": [...]}");
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            String at = "routes[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                problem(at, "expected an object with match and channels");
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
                problem(at + ".channels", "missing; name the channels this route delivers to");
            }
            List<String> channels = channelNames(r.get("channels"), at + ".channels", declared);
            if (r.has("channels") && channels.isEmpty() && reader.problems().stream().noneMatch(p -> p.startsWith(at + ".channels"))) {
                problem(at + ".channels", "name at least one channel");
            }
            if (match != null) {
                out.add(new Route(name == null ? at : name, match, channels));
            }
        }
        return out;
    }

    private RouteMatch match(JsonElement e, String at) {
        if (!e.isJsonObject()) {
            problem(at, "expected an object, e.g. {\"subscriptions\": [...], \"kinds\": [\"opened\"]}");
            return null;
        }
        JsonObject m = e.getAsJsonObject();
        reader.unknownFields(m, MATCH, at + ".", "field");
        Set<String> subs = new LinkedHashSet<>();
        for (String s : reader.strings(m.get("subscriptions"), at + ".subscriptions", false)) {
            if (GUID.matcher(s).matches()) {
                subs.add(s);
            } else {
                problem(at + ".subscriptions", "'" + s + "' is not a subscription id; e.g. 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
            }
        }
        Set<String> groups = new LinkedHashSet<>(reader.strings(m.get("resourceGroups"), at + ".resourceGroups", false));
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        JsonElement t = m.get("tags");
        if (t != null && !t.isJsonNull()) {
            if (!t.isJsonObject()) {
                problem(at + ".tags", "expected an object of tag name to allowed values, e.g. {\"owner-team\": [\"payments\"]}");
            } else {
                for (Map.Entry<String, JsonElement> x : t.getAsJsonObject().entrySet()) {
                    List<String> values = reader.strings(x.getValue(), at + ".tags." + x.getKey(), false);
                    if (values.isEmpty()) {
                        problem(at + ".tags." + x.getKey(), "list at least one value, e.g. [\"payments\"]");
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
                problem(at + ".kinds", "'" + k + "' is not an alert kind; use " + String.join(", ", new TreeSet<>(RouteMatch.KINDS)));
            }
        }
        if (kinds.stream().anyMatch(k -> k.equalsIgnoreCase(RouteMatch.ACCESS_REPORT))
                && (!subs.isEmpty() || !groups.isEmpty() || !tags.isEmpty())) {
            problem(at + ".kinds", "the access report covers the whole estate, so subscriptions, resourceGroups and tags"
                    + " cannot apply to it; give access-report a route of its own without them");
        }
        Severity min = null;
        if (m.has("minSeverity")) {
            String s = reader.text(m, "minSeverity", at + ".minSeverity");
            if (s != null) {
                try {
                    min = Severity.parse(s);
                } catch (IllegalArgumentException ex) {
                    problem(at + ".minSeverity", ex.getMessage());
                }
            }
        }
        return new RouteMatch(subs, groups, tags, kinds, min);
    }

    private List<String> channelNames(JsonElement e, String at, Set<String> declared) {
        List<String> out = new ArrayList<>();
        for (String n : reader.strings(e, at, false)) {
            if (!declared.contains(n)) {
                problem(at, "unknown channel '" + n + "'; channels defined: " + (declared.isEmpty() ? "none"
                        : String.join(", ", new TreeSet<>(declared))));
            } else if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private NotifyConfig.DailyReminder reminder(JsonObject o) {
        JsonObject r = reader.object(o, "dailyReminder", "dailyReminder");
        if (r == null) {
            return NotifyConfig.DailyReminder.OFF;
        }
        reader.unknownFields(r, Set.of("enabled", "hourUtc"), "dailyReminder.", "field");
        boolean enabled = reader.bool(r, "enabled", "dailyReminder.enabled", false);
        int hour = reader.integer(r, "hourUtc", "dailyReminder.hourUtc", 8, 0, 23);
        return new NotifyConfig.DailyReminder(enabled, hour);
    }

    private void problem(String at, String what) {
        reader.problem(at, what);
    }
}
