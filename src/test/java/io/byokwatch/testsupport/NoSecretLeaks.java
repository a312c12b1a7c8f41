package io.byokwatch.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Fails a test when anything it made byokwatch print, log or write holds a configured secret: webhook URLs (and their
 * paths and signature parameters) and signing keys. Captures, for each test, System.out and System.err (still passed
 * through), every java.util.logging record (where System.Logger goes), and whatever the test hands over: the output
 * of a CLI run, a Functions log, the state folder with its dead letters and delivery records.
 *
 * <p>Secrets to look for come from {@link #watch}; the fixed tokens in {@link TestSecrets} are always looked for.
 */
public final class NoSecretLeaks implements BeforeEachCallback, AfterEachCallback {
    private static final ThreadLocal<Capture> CURRENT = new ThreadLocal<>();

    private static final class Capture {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final List<String> logged = new ArrayList<>();
        final List<String> handed = new ArrayList<>();
        final List<Path> folders = new ArrayList<>();
        final Set<String> secrets = new LinkedHashSet<>(TestSecrets.TOKENS);
        PrintStream out;
        PrintStream err;
        Handler handler;
    }

    /** Also look for these (a test's receiver URLs, with their ports). */
    public static void watch(List<String> secrets) {
        current().secrets.addAll(secrets);
    }

    /** Also search this text (CLI output, a Functions log). */
    public static void check(String text) {
        current().handed.add(text);
    }

    /** Also search every file under this folder when the test ends (state: dead letters, delivery records). */
    public static void checkFolder(Path folder) {
        current().folders.add(folder);
    }

    private static Capture current() {
        Capture c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(NoSecretLeaks.class)");
        }
        return c;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Capture c = new Capture();
        c.out = System.out;
        c.err = System.err;
        System.setOut(new PrintStream(new Tee(c.out, c.printed), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(c.err, c.printed), true, StandardCharsets.UTF_8));
        c.handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringWriter w = new StringWriter();
                w.append(r.getLevel().toString()).append(' ').append(String.valueOf(r.getMessage()));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        w.append(" | ").append(String.valueOf(p));
                    }
                }
                if (r.getThrown() != null) {
                    r.getThrown().printStackTrace(new PrintWriter(w));
                }
                synchronized (c.logged) {
                    c.logged.add(w.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        c.handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(c.handler);
        CURRENT.set(c);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Capture c = CURRENT.get();
        CURRENT.remove();
        System.setOut(c.out);
        System.setErr(c.err);
        Logger.getLogger("").removeHandler(c.handler);
        List<String> sources = new ArrayList<>();
        sources.add("stdout/stderr:\n" + c.printed.toString(StandardCharsets.UTF_8));
        synchronized (c.logged) {
            sources.add("logs:\n" + String.join("\n", c.logged));
        }
        c.handed.forEach(h -> sources.add("handed over:\n" + h));
        for (Path folder : c.folders) {
            sources.addAll(filesUnder(folder));
        }
        List<String> leaks = leaks(c.secrets, sources);
        if (!leaks.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("configured secrets leaked into output:\n" + String.join("\n", leaks));
        }
    }

    /** Where each secret shows up; the secret itself is not repeated, only its length and where. */
    public static List<String> leaks(Set<String> secrets, List<String> sources) {
        List<String> out = new ArrayList<>();
        for (String s : secrets) {
            if (s == null || s.length() < 8) {
                continue;
            }
            for (String src : sources) {
                int at = src.indexOf(s);
                if (at >= 0) {
                    String where = src.substring(0, Math.max(0, src.indexOf('\n')));
                    out.add("a " + s.length() + "-character secret in " + where + " at offset " + at);
                }
            }
        }
        return out;
    }

    private static List<String> filesUnder(Path folder) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.add("file " + f + ":\n" + new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            synchronized (b) {
                b.write(x);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            a.flush();
        }
    }
}
