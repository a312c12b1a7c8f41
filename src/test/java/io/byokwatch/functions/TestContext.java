package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The host's invocation context, which cannot exist without the Functions host: a logger that records lines so tests
 * can read what an operator would see.
 */
final class TestContext implements ExecutionContext {
    private final Logger logger;
    final List<String> lines = new ArrayList<>();
    private final String function;

    TestContext(String function) {
        this.function = function;
        this.logger = Logger.getLogger("test." + function + "." + UUID.randomUUID());
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        logger.setLevel(Level.ALL);
    }

    String log() {
        return String.join("\n", lines);
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String getFunctionName() {
        return function;
    }
}
