package io.byokwatch.app.doctor;

import io.byokwatch.notify.Channel;
import io.byokwatch.notify.NotifyConfigException;
import io.byokwatch.notify.NotifyConfigLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Can alerts leave? The notify config must load, and each channel's URL and signing-secret settings must hold values:
 * in Azure an app setting whose Key Vault reference did not resolve keeps the literal {@code @Microsoft.KeyVault(...)}
 * text, which would pass for a signing secret, so it is caught here. Values are never printed, only setting names.
 */
final class ChannelChecks {
    private static final String UNRESOLVED_REFERENCE = "@microsoft.keyvault(";

    private ChannelChecks() {
    }

    static List<DoctorCheck> check(String source, Path baseDir, Map<String, String> settings) {
        List<DoctorCheck> out = new ArrayList<>();
        if (source == null || source.isBlank()) {
            out.add(DoctorCheck.fail("notify-config", "BYOKWATCH_NOTIFY_CONFIG", "No notify config is set, so alerts wait in"
                    + " the outbox and reach nobody.", "Set BYOKWATCH_NOTIFY_CONFIG to the config's path on the app (e.g."
                    + " /home/site/wwwroot/notify.json, packed with the code) or to its JSON (the notifyConfig parameter of"
                    + " infra/main.bicep); see examples/notify.json."));
            return out;
        }
        NotifyConfigLoader loader = new NotifyConfigLoader(settings);
        String where = source.trim().startsWith("{") ? "the notify config in BYOKWATCH_NOTIFY_CONFIG" : "notify config " + source;
        NotifyConfigLoader.Loaded loaded;
        try {
            Path base = baseDir == null ? Path.of("").toAbsolutePath() : baseDir;
            loaded = source.trim().startsWith("{") ? loader.parse(source, where, base)
                    : loader.load(base.resolve(source.trim()));
        } catch (NotifyConfigException e) {
            Map<String, List<String>> byChannel = new LinkedHashMap<>();
            List<String> general = new ArrayList<>();
            for (String p : e.problems()) {
                String channel = channelOf(p);
                if (channel == null) {
                    general.add(p);
                } else {
                    byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(p);
                }
            }
            out.add(DoctorCheck.fail("notify-config", source.trim().startsWith("{") ? "BYOKWATCH_NOTIFY_CONFIG" : source,
                    where + " cannot be used (" + e.problems().size() + " problem(s)), so no alert is delivered"
                            + (general.isEmpty() ? "." : ": " + String.join("; ", general)),
                    "Fix each problem named here and in the channel-secret checks below; they are the ones the app"
                            + " meets when it delivers."));
            byChannel.forEach((channel, problems) -> out.add(DoctorCheck.fail("channel-secret", channel,
                    "Channel " + channel + ": " + String.join("; ", problems), "Set the settings the channel names"
                            + " (app settings in Azure, environment variables locally); a Key Vault reference needs"
                            + " byokwatch's identity to hold Key Vault Secrets User on that vault.")));
            return out;
        }
        out.add(DoctorCheck.pass("notify-config", source.trim().startsWith("{") ? "BYOKWATCH_NOTIFY_CONFIG" : source,
                where + " loads: " + loaded.config().channels().size() + " channel(s), " + loaded.config().routes().size()
                        + " route(s)."));
        for (Channel channel : loaded.config().channels().values()) {
            List<String> names = loaded.channelSettings().getOrDefault(channel.name(), List.of());
            List<String> unresolved = names.stream().filter(n -> settings.getOrDefault(n, "").trim().toLowerCase(Locale.ROOT)
                    .startsWith(UNRESOLVED_REFERENCE)).toList();
            if (!unresolved.isEmpty()) {
                out.add(DoctorCheck.fail("channel-secret", channel.name(), "Setting(s) " + String.join(", ", unresolved)
                        + " of channel " + channel.name() + " still hold a Key Vault reference, which means App Service could"
                        + " not resolve it; the channel would sign with or post to the reference text.", "Give byokwatch's"
                        + " identity Key Vault Secrets User on the vault (channelSecretsVaultId in infra/main.bicep), check"
                        + " that the secret exists and is enabled, and that the app's keyVaultReferenceIdentity is"
                        + " byokwatch's identity; the Function App's Environment variables blade shows each reference's"
                        + " status."));
            } else if (names.isEmpty()) {
                out.add(DoctorCheck.pass("channel-secret", channel.name(), "Channel " + channel.name() + " ("
                        + channel.type().label() + ") needs no secret."));
            } else {
                out.add(DoctorCheck.pass("channel-secret", channel.name(), "Channel " + channel.name() + " ("
                        + channel.type().label() + "): " + String.join(", ", names) + " resolve" + (names.size() == 1 ? "s" : "")
                        + " to a usable value (not shown)."));
            }
        }
        return out;
    }

    /** "channels.sec-teams.urlSetting: ..." names channel sec-teams. */
    private static String channelOf(String problem) {
        if (!problem.startsWith("channels.")) {
            return null;
        }
        String rest = problem.substring("channels.".length());
        int end = rest.length();
        for (char c : new char[] {'.', ':', ' '}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end == 0 ? null : rest.substring(0, end);
    }
}
