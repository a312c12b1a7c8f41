package io.byokwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Azurite (the local Azure Storage emulator) per test JVM, started on first use from the pinned copy that the build
 * installs into {@code tools/node} (the exec-maven-plugin runs {@code npm install} in generate-test-resources).
 *
 * <p>It listens on free loopback ports picked here, so parallel builds on one machine do not collide, and keeps its data
 * in a temp folder rather than in memory: Azurite refuses {@code --inMemoryPersistence} together with
 * {@code --location}, and on-disk data is what makes {@link #restart()} look like a real service blip to fault tests
 * (data survives, connections drop). Telemetry is switched off: tests must not talk to anything but loopback.
 */
public final class Azurite {
    /** Azurite's fixed development account; public and documented, it protects nothing. */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String LOOPBACK = "127.0.0.1";

    private static Azurite instance;

    private final Path executable;
    private final Path workDir;
    private final int blobPort;
    private final int queuePort;
    private final int tablePort;
    private Process process;

    private Azurite(Path executable, Path workDir, int[] ports) {
        this.executable = executable;
        this.workDir = workDir;
        this.blobPort = ports[0];
        this.queuePort = ports[1];
        this.tablePort = ports[2];
    }

    /** The running emulator, started on first call; stopped when the JVM exits. */
    public static synchronized Azurite get() {
        if (instance == null) {
            Path exe = locateExecutable();
            Path work;
            try {
                work = Files.createTempDirectory("byokwatch-azurite-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Azurite a = new Azurite(exe, work, freePorts(3));
            a.start();
            Runtime.getRuntime().addShutdownHook(new Thread(a::stopAndCleanUp, "azurite-stop"));
            instance = a;
        }
        return instance;
    }

    /** The development-account connection string for this emulator's ports. */
    public String connectionString() {
        String base = "http://" + LOOPBACK + ":";
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=" + base + blobPort + "/" + ACCOUNT
                + ";QueueEndpoint=" + base + queuePort + "/" + ACCOUNT
                + ";TableEndpoint=" + base + tablePort + "/" + ACCOUNT + ";";
    }

    public int blobPort() {
        return blobPort;
    }

    public int queuePort() {
        return queuePort;
    }

    public int tablePort() {
        return tablePort;
    }

    /** Stops the emulator and starts it again on the same ports with the same data; for fault tests. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the emulator until {@link #resume()}, keeping its data and ports: storage "down" for fault tests. */
    public synchronized void suspend() {
        stop();
    }

    /** Starts it again after {@link #suspend()}. */
    public synchronized void resume() {
        if (process == null) {
            start();
        }
    }

    private synchronized void start() {
        Path data = workDir.resolve("data");
        Path out = workDir.resolve("azurite.out");
        Path err = workDir.resolve("azurite.err");
        List<String> command = List.of(executable.toString(),
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                "--location", data.toString(),
                "--blobHost", LOOPBACK, "--blobPort", Integer.toString(blobPort),
                "--queueHost", LOOPBACK, "--queuePort", Integer.toString(queuePort),
                "--tableHost", LOOPBACK, "--tablePort", Integer.toString(tablePort));
        try {
            Files.createDirectories(data);
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Azurite (" + executable + "): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int port : new int[] {blobPort, queuePort, tablePort}) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Azurite exited with code " + process.exitValue()
                            + " before listening on port " + port + ". Its stderr:\n" + tail(err));
                }
                if (System.nanoTime() > deadline) {
                    stopQuietly();
                    throw new IllegalStateException("Azurite did not listen on port " + port + " within "
                            + START_TIMEOUT.toSeconds() + " s. Its stderr:\n" + tail(err));
                }
                sleep(50);
            }
        }
    }

    private synchronized void stop() {
        if (process == null) {
            return;
        }
        // SIGTERM first: Azurite then saves its data, which restart() relies on
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // on the way out of the JVM there is no one left to tell
        }
    }

    private void stopAndCleanUp() {
        stopQuietly();
        try (Stream<Path> all = Files.walk(workDir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private static Path locateExecutable() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tools/node/package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("tools/node/package.json not found above " + Path.of("").toAbsolutePath()
                    + "; run the tests from the byokwatch checkout");
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        Path exe = dir.resolve("tools/node/node_modules/.bin/" + (windows ? "azurite.cmd" : "azurite"));
        if (!Files.isRegularFile(exe)) {
            throw new IllegalStateException("Azurite is not installed at " + exe
                    + ": run mvn generate-test-resources (npm install in tools/node)");
        }
        return exe;
    }

    /** Picks ports by binding them all at once, so the same free port is not handed out twice. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free loopback ports for Azurite", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we just opened does not fail in a way that matters here
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return text.isBlank() ? "(empty)" : text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Azurite", e);
        }
    }
}
