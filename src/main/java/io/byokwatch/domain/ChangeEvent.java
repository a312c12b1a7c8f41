package io.byokwatch.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One Azure change notification, reduced to what routing and audit need, whichever envelope it came in.
 *
 * @param schema      {@link #SCHEMA_EVENT_GRID} or {@link #SCHEMA_CLOUD_EVENTS}
 * @param topic       the Event Grid topic (CloudEvents {@code source}): a subscription, group or vault id as text
 * @param resourceId  the changed resource, or null when the event names none
 * @param eventTime   null only for CloudEvents, where {@code time} is optional
 * @param key         the key a Key Vault key event is about (versioned when the event says which version)
 * @param vaultId     for Key Vault events: the vault's ARM id, taken from the topic
 */
public record ChangeEvent(String eventId, String eventType, String schema, String topic, String subject,
                          ResourceId resourceId, String operationName, Instant eventTime, Actor actor, String status,
                          KeyRef key, ResourceId vaultId) {

    public static final String SCHEMA_EVENT_GRID = "eventgrid";
    public static final String SCHEMA_CLOUD_EVENTS = "cloudevents";

    private static final String KEY_VAULT_PREFIX = "microsoft.keyvault.";

    public ChangeEvent {
        Objects.requireNonNull(eventType, "eventType");
        actor = actor == null ? Actor.UNKNOWN : actor;
    }

    /** Events published by a vault itself (Event Grid topic type Microsoft.KeyVault.vaults), not by ARM. */
    public boolean keyVaultEvent() {
        return eventType.toLowerCase(Locale.ROOT).startsWith(KEY_VAULT_PREFIX);
    }

    /**
     * False for vault events about secrets and certificates: they are kept for the record but can never change how a
     * disk or etcd is encrypted. Key events and access-policy changes can.
     */
    public boolean keyRelated() {
        if (!keyVaultEvent()) {
            return false;
        }
        String kind = eventType.substring(KEY_VAULT_PREFIX.length()).toLowerCase(Locale.ROOT);
        return kind.startsWith("key") || kind.equals("vaultaccesspolicychanged");
    }
}
