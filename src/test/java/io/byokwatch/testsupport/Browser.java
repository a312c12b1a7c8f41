package io.byokwatch.testsupport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Headless Chromium from Debian's packages, driven by Debian's chromedriver through Selenium, for tests of the pages
 * people read: one browser per viewport width, pages served from a loopback HTTP server, every request the page makes
 * recorded from Chromium's own network log, screenshots of whole pages written under {@code target/browser}.
 *
 * <p>Nothing here downloads anything: the driver and the browser are given by path, so Selenium Manager is never
 * consulted, and Chromium starts with background networking, component updates and sync off and a fresh profile.
 * Both come from {@code scripts/ensure-test-tools}, which the build runs; when they are missing the test fails saying so.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/browser");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final HttpServer server;
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    /** Chromium's log hands each entry out once: what was read, kept. */
    private final List<String> seen = new ArrayList<>();
    private final int width;

    private Browser(int width, boolean phone) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("real-browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver): run scripts/ensure-test-tools");
        }
        this.width = width;
        try {
            profile = Files.createTempDirectory("byokwatch-chromium-");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            byte[] body = pages.get(ex.getRequestURI().getPath());
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
            ex.close();
        });
        server.start();
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().withSilent(true).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--disable-extensions", "--user-data-dir=" + profile, "--hide-scrollbars");
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", 844, "pixelRatio", 2.0, "touch", true)));
        } else {
            options.addArguments("--window-size=" + width + ",900");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** A desktop window {@code width} CSS pixels wide. */
    public static Browser desktop(int width) {
        return new Browser(width, false);
    }

    /** A phone's viewport, {@code width} CSS pixels wide, as Chromium's device emulation lays it out. */
    public static Browser phone(int width) {
        return new Browser(width, true);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Serves the page at {@code /name} on loopback, opens it, and returns the URL it was opened at. */
    public String open(String name, String html) {
        pages.put("/" + name, html.getBytes(StandardCharsets.UTF_8));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
        driver.get(url);
        return url;
    }

    /** Every URL the browser asked for since it started, from Chromium's network log (its own pages included). */
    public synchronized List<String> requests() {
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = JsonParser.parseString(e.getMessage()).getAsJsonObject().getAsJsonObject("message");
            if ("Network.requestWillBeSent".equals(message.get("method").getAsString())) {
                seen.add(message.getAsJsonObject("params").getAsJsonObject("request").get("url").getAsString());
            }
        }
        return List.copyOf(seen);
    }

    /**
     * The requests that went to the network beyond this machine: any http, https, ws or ftp URL whose host is not the
     * loopback. The browser's own chrome:// pages and data: URLs never leave it.
     */
    public List<String> requestsLeavingTheMachine() {
        return requests().stream().filter(u -> u.matches("(?i)(https?|wss?|ftp)://.*")
                && !u.matches("(?i)[a-z]+://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?(/.*)?")).toList();
    }

    /** What the page logged to the console: CSP refusals show up here. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** How far the document reaches beyond the viewport sideways, in CSS pixels (0: nothing scrolls sideways). */
    public long horizontalOverflow() {
        Object o = ((JavascriptExecutor) driver).executeScript("const d = document.documentElement, b = document.body;"
                + " return Math.max(d.scrollWidth, b.scrollWidth) - d.clientWidth;");
        return ((Number) o).longValue();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The whole page (not only the viewport) as a PNG under target/browser, for a person to look at. */
    public Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(SHOTS);
            Path file = SHOTS.resolve(name + "-" + width + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            server.stop(0);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
