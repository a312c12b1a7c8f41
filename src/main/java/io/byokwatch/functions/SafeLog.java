package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.byokwatch.domain.Printable;

import java.util.logging.Logger;

/**
 * The function's log, one line per call whatever the text carries: event ids, caller names and audit-log UPNs come
 * from outside, and a newline or escape sequence in one must not forge a log line.
 */
final class SafeLog {
    private final Logger logger;

    private SafeLog(Logger logger) {
        this.logger = logger;
    }

    static SafeLog of(ExecutionContext context) {
        return new SafeLog(context.getLogger());
    }

    void info(String line) {
        logger.info(Printable.line(line));
    }

    void warning(String line) {
        logger.warning(Printable.line(line));
    }
}
