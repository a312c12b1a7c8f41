package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The {@code data} of {@code Microsoft.EventGrid.SubscriptionValidationEvent}. */
record ValidationData(String code, String url) {

    static ValidationData read(JsonElement data) {
        JsonObject d = Fields.objectOrEncoded(data);
        String code = Fields.text(Fields.getLoose(d, "validationCode"));
        if (code == null || code.isBlank()) {
            throw new BadEvent("subscription validation event without 'data.validationCode'; Event Grid cannot be"
                    + " answered without it");
        }
        String url = Fields.text(Fields.getLoose(d, "validationUrl"));
        return new ValidationData(code.trim(), url == null || url.isBlank() ? null : url.trim());
    }
}
