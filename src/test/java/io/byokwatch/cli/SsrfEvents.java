package io.byokwatch.cli;

import java.util.List;

/** Deliveries in which every field that holds or could hold a URL points at {@code url}, a listener the test owns. */
final class SsrfEvents {
    private SsrfEvents() {
    }

    static List<String> all(String url) {
        String sub = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
        String vault = "/subscriptions/" + sub + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-pay-prod";
        String host = url.replaceFirst("^https?://", "");
        return List.of(
                "[{\"id\":\"v1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-11-30T00:00:00Z\","
                        + "\"subject\":\"\",\"topic\":\"" + url + "/topic\",\"dataVersion\":\"1\",\"data\":{\"validationCode\":\"c0de\","
                        + "\"validationUrl\":\"" + url + "/validate?id=1&code=c0de\"}}]",
                "[{\"id\":\"v2\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-11-30T00:00:00Z\","
                        + "\"subject\":\"\",\"dataVersion\":\"1\",\"data\":{\"validationUrl\":\"" + url + "/validate-only\"}}]",
                "[{\"id\":\"r1\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-11-30T00:00:00Z\","
                        + "\"subject\":\"" + url + "/subscriptions/" + sub + "\",\"topic\":\"" + url + "\",\"dataVersion\":\"2\","
                        + "\"data\":{\"resourceUri\":\"" + url + "/subscriptions/" + sub + "/x\",\"operationName\":\"x/write\","
                        + "\"httpRequest\":{\"url\":\"" + url + "/http\",\"clientIpAddress\":\"127.0.0.1\"},\"claims\":{\"iss\":\"" + url
                        + "/issuer\",\"aud\":\"" + url + "/aud\"}}}]",
                "[{\"id\":\"k1\",\"eventType\":\"Microsoft.KeyVault.KeyNewVersionCreated\",\"eventTime\":\"2026-11-30T00:00:00Z\","
                        + "\"subject\":\"aks-disk\",\"topic\":\"" + vault + "\",\"dataVersion\":\"1\",\"data\":{\"Id\":\"" + url
                        + "/keys/aks-disk/1\",\"VaultName\":\"" + host + "\",\"ObjectType\":\"Key\",\"ObjectName\":\"aks-disk\"}}]",
                "{\"specversion\":\"1.0\",\"id\":\"c1\",\"type\":\"Microsoft.Storage.BlobCreated\",\"source\":\"" + url + "/source\","
                        + "\"dataschema\":\"" + url + "/schema\",\"subject\":\"" + url + "/blob\",\"data\":{\"url\":\"" + url + "/blob\"}}",
                "[{\"id\":\"u1\",\"eventType\":\"Contoso.Webhook\",\"eventTime\":\"2026-11-30T00:00:00Z\",\"subject\":\"" + url
                        + "\",\"data\":{\"callbackUrl\":\"" + url + "/cb\",\"nextLink\":\"" + url + "/next\"}}]");
    }
}
