package io.byokwatch.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/** The leak check itself can fail: a secret printed, logged, handed over or written to state is caught. */
class NoSecretLeaksTest {
    private static ExtensionContext passingTest() {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getExecutionException")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static AssertionError leakFrom(Runnable leak) {
        NoSecretLeaks ext = new NoSecretLeaks();
        ext.beforeEach(passingTest());
        try {
            leak.run();
        } finally {
            try {
                ext.afterEach(passingTest());
            } catch (AssertionError e) {
                return e;
            }
        }
        return null;
    }

    @Test
    void aSecretOnStdout_inALog_inHandedOverText_orInAStateFile_isCaught() throws Exception {
        assertNotNull(leakFrom(() -> System.out.println("posting to " + TestSecrets.SLACK_TOKEN)));
        assertNotNull(leakFrom(() -> Logger.getLogger("io.byokwatch.anything").warning("key " + TestSecrets.SIGNING_SECRET)));
        assertNotNull(leakFrom(() -> NoSecretLeaks.check("dead letter: " + TestSecrets.TEAMS_SIG)));
        Path dir = Files.createTempDirectory("leak");
        Files.writeString(dir.resolve("deadletter.json"), "{\"reason\": \"" + TestSecrets.WEBHOOK_PATH_TOKEN + "\"}");
        AssertionError e = leakFrom(() -> NoSecretLeaks.checkFolder(dir));
        assertNotNull(e);
        assertFalse(e.getMessage().contains(TestSecrets.WEBHOOK_PATH_TOKEN), "the report does not repeat the secret");
        assertNotNull(leakFrom(() -> {
            NoSecretLeaks.watch(List.of("https://127.0.0.1:9/extra-secret-url"));
            System.err.println("https://127.0.0.1:9/extra-secret-url");
        }));
    }

    @Test
    void cleanOutput_passes() {
        assertNull(leakFrom(() -> System.out.println("slack channel team-slack answered HTTP 410: channel_is_archived")));
        assertEquals(List.of(), NoSecretLeaks.leaks(Set.of("short"), List.of("short is below the length we look for")));
    }
}
