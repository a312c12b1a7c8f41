package io.byokwatch.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.config.ConfigReader;
import io.byokwatch.config.ConfigSyntaxException;
import io.byokwatch.config.StrictJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final Map<String, String> settings;
    private ConfigReader reader = new ConfigReader();

    /** @param settings where {@code urlSetting} and {@code secretSetting} names are looked up (the environment) */
    public NotifyConfigLoader(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /**
     * The config, the endpoints its settings resolve to, a masker that knows every secret among them, and the names of
     * the settings each channel reads (never their values), for checks that a deployment supplies them.
     */
    public record Loaded(NotifyConfig config, Map<String, Endpoint> endpoints, Secrets secrets,
                         Map<String, List<String>> channelSettings) {
        public Loaded {
            endpoints = Map.copyOf(endpoints);
            channelSettings = Map.copyOf(channelSettings);
        }

        public Loaded(NotifyConfig config, Map<String, Endpoint> endpoints, Secrets secrets) {
            this(config, endpoints, secrets, Map.of());
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
        ChannelReader channelReader = new ChannelReader(reader, settings, loopback, baseDir);
        JsonObject ch = reader.object(o, "channels", "channels");
        if (ch == null || ch.size() == 0) {
            problem("channels", "define at least one channel, e.g. {\"sec-teams\": {\"type\": \"teams\", \"urlSetting\":"
                    + " \"TEAMS_SEC_URL\"}}");
        } else {
            for (Map.Entry<String, JsonElement> e : ch.entrySet()) {
                channelReader.read(e.getKey(), e.getValue(), channels, endpoints);
            }
        }
        RouteReader routeReader = new RouteReader(reader, ch == null ? Set.of() : ch.keySet());
        List<Route> routes = routeReader.routes(o.get("routes"));
        List<String> defaults = routeReader.channelNames(o.get("default"), "default");
        if (!o.has("default")) {
            problem("default", "missing; name the channels that get alerts no route matches, e.g. [\"sec-teams\"]"
                    + " (every alert must reach someone)");
        } else if (defaults.isEmpty() && reader.problems().stream().noneMatch(p -> p.startsWith("default"))) {
            problem("default", "name at least one channel: alerts no route matches must still reach someone");
        }
        int flap = reader.integer(o, "flapWindowMinutes", "flapWindowMinutes", 60, 0, 1440);
        NotifyConfig.DailyReminder reminder = reminder(o);
        Map<String, String> secretSettings = channelReader.secretSettings();
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
        Map<String, List<String>> channelSettings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : secretSettings.entrySet()) {
            // "channels.<name>.urlSetting" -> the channel's name
            String path = e.getKey().substring("channels.".length());
            String channel = path.substring(0, path.lastIndexOf('.'));
            channelSettings.computeIfAbsent(channel, k -> new ArrayList<>()).add(e.getValue());
        }
        channelSettings.replaceAll((k, v) -> List.copyOf(v));
        return new Loaded(config, endpoints, Secrets.of(secretValues), channelSettings);
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
