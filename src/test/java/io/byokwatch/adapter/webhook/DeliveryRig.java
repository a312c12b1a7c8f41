package io.byokwatch.adapter.webhook;

import io.byokwatch.adapter.console.PrintNotifier;
import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.adapter.storage.FileDeliveryLog;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.app.AlertDelivery;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.app.RetryPolicy;
import io.byokwatch.domain.Alert;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.Endpoint;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.render.slack.SlackMessage;
import io.byokwatch.render.teams.TeamsCard;
import io.byokwatch.render.terminal.TerminalNotice;
import io.byokwatch.testsupport.FakeSleeper;
import io.byokwatch.testsupport.MutableClock;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.TestSecrets;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Local delivery as {@code replay} and {@code serve} wire it (file outbox, file state, the HTTP notifier, the real
 * renderers), on a fake clock: backoff and pacing move the clock instead of sleeping, while HTTP to the loopback
 * receivers, and its timeouts, are real.
 */
final class DeliveryRig {
    static final Instant START = Instant.parse("2026-12-01T09:30:00Z");
    static final AlertJson CODEC = new AlertJson();

    final MutableClock clock = new MutableClock(START);
    final FakeSleeper sleeper = new FakeSleeper(clock);
    final FileOutbox outbox;
    final DeadLetters deadLetters;
    final AlertDelivery delivery;
    final OutboxDrainer drainer;
    final List<String> lines = new ArrayList<>();
    final NotifyConfigLoader.Loaded loaded;

    /**
     * @param config   a notify config whose urlSetting/secretSetting names are keys of {@code settings}
     * @param settings the environment the config's settings are read from
     */
    DeliveryRig(Path state, String config, Map<String, String> settings, PrintStream terminal) {
        loaded = new NotifyConfigLoader(settings).parse(config, "notify.json", state);
        NoSecretLeaks.watch(loaded.secrets().fragments());
        NoSecretLeaks.watch(TestSecrets.TOKENS);
        NoSecretLeaks.checkFolder(state);
        outbox = new FileOutbox(state.resolve("outbox"), clock);
        deadLetters = new FileDeadLetters(state.resolve("deadletter"));
        Map<Channel, Endpoint> http = new LinkedHashMap<>();
        Map<String, Notifier> local = new LinkedHashMap<>();
        loaded.config().channels().values().forEach(c -> {
            if (c.type().http()) {
                http.put(c, loaded.endpoints().get(c.name()));
            } else {
                local.put(c.name(), new PrintNotifier(terminal, c.forPeople()));
            }
        });
        HttpNotifier sender = new HttpNotifier(http, loaded.config().timeout(), loaded.secrets(), clock, sleeper, "test");
        Notifier notifier = (channel, payload) -> local.containsKey(channel) ? local.get(channel).send(channel, payload)
                : sender.send(channel, payload);
        PortalLinks portal = PortalLinks.forCloud("AzureCloud");
        RetryPolicy retry = RetryPolicy.standard(loaded.config().maxAttempts(), new SplittableRandom(11));
        delivery = new AlertDelivery(loaded.config(), notifier, new FileDeliveryLog(state.resolve("delivery")), deadLetters,
                CODEC, Map.of(ChannelType.SLACK, new SlackMessage(portal), ChannelType.TEAMS, new TeamsCard(portal),
                ChannelType.STDOUT, new TerminalNotice(portal)), retry, true, loaded.secrets(), clock);
        drainer = new OutboxDrainer(outbox, delivery, deadLetters, retry, loaded.secrets(), clock, sleeper,
                java.time.Duration.ofMinutes(5), lines::add);
    }

    void enqueue(Alert a) {
        outbox.enqueue(OutboxMessage.of(a.alertId(), a.clusterId().key(), a.detectedAt(), CODEC.encode(a)));
    }
}
