package io.byokwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code byokwatch serve} in its own JVM, started from the built classes as a user would start it, with stdout (the
 * alerts, one JSON line each) and stderr kept in files so tests can count alerts and search everything it printed.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("serving on http://[^:]+:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path out;
    private final Path err;
    private final int port;

    private ServeProcess(Process process, Path out, Path err, int port) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.port = port;
    }

    /** Starts {@code serve <args> --port 0} with extra environment variables and waits until it listens. */
    public static ServeProcess start(Path logDir, String name, Map<String, String> env, List<String> jvmOptions, String... args) {
        try {
            Files.createDirectories(logDir);
            Path out = logDir.resolve(name + ".out");
            Path err = logDir.resolve(name + ".err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.byokwatch.cli.Main", "serve", "--port", "0"));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("BYOKWATCH_") || k.startsWith("AzureWebJobsStorage"));
            pb.environment().putAll(env);
            Process p = pb.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = LISTENING.matcher(Files.readString(err, StandardCharsets.UTF_8));
                if (m.find()) {
                    return new ServeProcess(p, out, err, Integer.parseInt(m.group(1)));
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + p.exitValue() + ": " + Files.readString(err));
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not start listening in 60 s: " + Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** POSTs an Event Grid delivery; returns the status code. */
    public HttpResponse<String> post(String path, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("x-byokwatch-key", key);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The alert lines printed so far. */
    public List<String> alerts() {
        try {
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("{")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything it printed, both streams. */
    public String printed() {
        try {
            return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is handed back. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (serve's shutdown hook stops the server), then wait. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
