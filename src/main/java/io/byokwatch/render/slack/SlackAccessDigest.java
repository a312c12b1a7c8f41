package io.byokwatch.render.slack;

import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.access.AccessSummary;
import io.byokwatch.render.access.DigestText;
import io.byokwatch.render.alert.NoticeText;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.app.AccessDigestRenderer;

/**
 * The access report digest as a Slack Block Kit message. At most {@value DigestText#TOP} anomalies plus a dozen fixed
 * blocks, each text cut to Slack's limit, keeps it far inside the {@value SlackMessage#MAX_BLOCKS}-block cap.
 */
public final class SlackAccessDigest implements AccessDigestRenderer {

    @Override
    public String digest(AccessReport r, String fullReport) {
        JsonArray blocks = new JsonArray();
        blocks.add(SlackMessage.header(emoji(r) + " " + DigestText.title(r)));
        blocks.add(SlackMessage.section("*" + SlackMessage.escape(AccessSummary.headline(r)) + "*\n"
                + SlackMessage.escape(DigestText.window(r))));
        blocks.add(SlackMessage.context(SlackMessage.escape(DigestText.counts(r))));
        blocks.add(SlackMessage.divider());
        for (Anomaly a : DigestText.top(r)) {
            blocks.add(anomaly(a));
        }
        // where the full report is and what went wrong reading the logs name files and vaults: plain text, not mrkdwn
        blocks.add(SlackMessage.plainContext(DigestText.rest(r, fullReport)));
        for (String n : DigestText.notes(r)) {
            blocks.add(SlackMessage.plainContext(":warning: " + n));
        }
        JsonObject message = new JsonObject();
        SlackMessage.fallbackText(message, NoticeText.cut("Key Vault access report: " + AccessSummary.headline(r),
                SlackMessage.MAX_FALLBACK));
        message.add("blocks", blocks);
        return PrettyJson.compact(message);
    }

    /** Vault, key and caller names come from the audit log, so they travel as rich text, shown as given. */
    private static JsonObject anomaly(Anomaly a) {
        return SlackText.start().bold(DigestText.severity(a)).then(" ").code(a.detector())
                .then(" " + AccessSummary.target(a) + DigestText.operation(a) + "\n")
                .then(DigestText.who(a) + "\n" + DigestText.explanation(a) + "\n").bold("Next: ")
                .then(DigestText.action(a)).json;
    }

    private static String emoji(AccessReport r) {
        if (r.worst() == null) {
            return ":white_check_mark:";
        }
        return switch (r.worst()) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
            case LOW -> ":white_circle:";
        };
    }
}
