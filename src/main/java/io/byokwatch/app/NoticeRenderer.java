package io.byokwatch.app;

import io.byokwatch.domain.Notice;
import io.byokwatch.domain.Reminder;

/**
 * Turns a notice or a reminder into one channel's message (Slack Block Kit, a Teams card, terminal text); implemented
 * by the renderers so that delivery stays free of message formats.
 */
public interface NoticeRenderer {

    String notice(Notice notice);

    String reminder(Reminder reminder);
}
