package io.byokwatch.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.config.ConfigReader;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads one channel of a notify config: its type, the settings that hold its URL and signing secret (never the values
 * themselves), pacing and output options. Problems go to the shared reader, named by JSON path; which setting each
 * urlSetting/secretSetting names is kept so the loader can mask their values and catch a value pasted into the file.
 */
final class ChannelReader {
    /** An HMAC-SHA256 key should carry 256 bits; 32 characters of hex or base64 is the least that can. */
    static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final double MAX_PER_SECOND = 100;

    private final ConfigReader reader;
    private final Map<String, String> settings;
    private final boolean loopback;
    private final Path baseDir;
    /** JSON path of each urlSetting/secretSetting to the setting it names. */
    private final Map<String, String> secretSettings = new LinkedHashMap<>();

    /**
     * @param loopback whether http URLs to loopback receivers are admitted ({@code delivery.allowLoopbackHttp})
     * @param baseDir  where relative {@code file} channel paths resolve
     */
    ChannelReader(ConfigReader reader, Map<String, String> settings, boolean loopback, Path baseDir) {
        this.reader = reader;
        this.settings = settings;
        this.loopback = loopback;
        this.baseDir = baseDir;
    }

    /** JSON path of each urlSetting/secretSetting read so far to the setting it names. */
    Map<String, String> secretSettings() {
        return secretSettings;
    }

    void read(String name, JsonElement value, Map<String, Channel> channels, Map<String, Endpoint> endpoints) {
        String at = "channels." + name;
        if (!CHANNEL_NAME.matcher(name).matches()) {
            reader.problem(at, "channel names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return;
        }
        if (!value.isJsonObject()) {
            reader.problem(at, "expected an object like {\"type\": \"slack\", \"urlSetting\": \"SLACK_URL\"}");
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
            reader.problem(at + ".type", "'" + typeText + "' is not a channel type; use slack, teams, webhook, stdout or file");
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
                reader.problem(at + "." + k, "webhook URLs and secrets never go in the config file: store the value in a setting"
                        + " (an environment variable; in Azure an app setting or a Key Vault reference) and name it in "
                        + (k.equalsIgnoreCase("secret") ? "secretSetting" : "urlSetting") + ". Rotate the value if this file was shared.");
            } else if (!allowed.contains(k)) {
                reader.problem(at + "." + k, "unknown field for a " + type.label() + " channel; expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        URI url = null;
        String secret = null;
        Path file = null;
        boolean asText = true;
        if (type.http()) {
            url = url(c, at, type);
        }
        if (type == ChannelType.WEBHOOK) {
            String setting = settingName(c, "secretSetting", at, "a random signing key of at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. from openssl rand -hex 32");
            if (setting != null) {
                secretSettings.put(at + ".secretSetting", setting);
                secret = settingValue(setting, at + ".secretSetting", "a random signing key of at least "
                        + MIN_SECRET_LENGTH + " characters, e.g. from openssl rand -hex 32");
                if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
                    reader.problem(at + ".secretSetting", "the key in setting " + setting + " has " + secret.length()
                            + " characters; use at least " + MIN_SECRET_LENGTH + " random ones (openssl rand -hex 32)");
                }
            }
        }
        if (type == ChannelType.STDOUT && c.has("format")) {
            String f = reader.text(c, "format", at + ".format");
            if (f != null && !List.of("text", "json").contains(f)) {
                reader.problem(at + ".format", "'" + f + "' is not a format; use text (readable) or json (one alert per line)");
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
                reader.problem(at + ".maxPerSecond", "expected a number above 0 and at most " + (int) MAX_PER_SECOND + ", found " + r
                        + (type == ChannelType.SLACK ? "; Slack allows about 1 per webhook" : type == ChannelType.TEAMS
                        ? "; Teams allows at most 4" : ""));
            }
        }
        channels.put(name, new Channel(name, type, asText, perSecond));
        endpoints.put(name, new Endpoint(url, secret, file));
    }

    private URI url(JsonObject c, String at, ChannelType type) {
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
            reader.problem(at + ".urlSetting", "setting " + setting + " does not hold a URL; set it to " + what);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            reader.problem(at + ".urlSetting", "setting " + setting + " does not hold an absolute https URL; set it to " + what);
            return null;
        }
        if (scheme.equals("http")) {
            if (!loopback || !isLoopback(uri.getHost())) {
                reader.problem(at + ".urlSetting", "setting " + setting + " holds an http URL; alerts and signatures travel over"
                        + " https only" + (loopback ? " (delivery.allowLoopbackHttp admits http to 127.0.0.1, ::1 and"
                        + " localhost only)" : "; plain http is admitted for loopback test receivers with"
                        + " delivery.allowLoopbackHttp"));
                return null;
            }
        }
        if (uri.getRawUserInfo() != null) {
            reader.problem(at + ".urlSetting", "setting " + setting + " holds a URL with a user name or password in it; webhook"
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
            reader.problem(at + "." + field, "missing; name the setting that holds " + what + ", e.g. \"" + field + "\": \""
                    + (field.equals("secretSetting") ? "SIEM_SIGNING_SECRET" : "SLACK_PAYMENTS_URL") + "\"");
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            reader.problem(at + "." + field, "expected the name of a setting, as a string");
            return null;
        }
        String name = e.getAsString().trim();
        if (name.contains("://") || name.toLowerCase(Locale.ROOT).startsWith("http")) {
            reader.problem(at + "." + field, "holds a URL, but it names a setting: put the URL in a setting (an environment"
                    + " variable or app setting) and give its name here. Rotate the URL if this file was shared.");
            return null;
        }
        if (!SETTING_NAME.matcher(name).matches()) {
            reader.problem(at + "." + field, "is not a setting name (letters, digits and '_', not starting with a digit);"
                    + " e.g. SLACK_PAYMENTS_URL");
            return null;
        }
        return name;
    }

    private String settingValue(String name, String at, String what) {
        String v = settings.get(name);
        if (v == null || v.isBlank()) {
            reader.problem(at, "setting " + name + " is not set; set it to " + what + " (locally an environment variable, in"
                    + " Azure an app setting, e.g. @Microsoft.KeyVault(SecretUri=...))");
            return null;
        }
        return v.trim();
    }
}
