package io.byokwatch.adapter.loganalytics;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.core.publisher.Mono;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for the Log Analytics query API on a loopback HTTPS port, for tests of the adapter with the real
 * {@code LogsQueryClient}. The SDK's bearer-token policy refuses plain http, so the server presents a self-signed
 * certificate made with keytool at test time, and {@link #httpClient()} trusts exactly that certificate. Each request is
 * recorded and answered by a function of it.
 */
public final class LocalLogAnalytics implements AutoCloseable {
    /** A query as received: path, Authorization header, JSON body fields, and when it arrived. */
    public record Request(String path, String authorization, String query, String timespan, long nanos) {
    }

    /** An answer: status, extra headers, JSON body. */
    public record Response(int status, Map<String, String> headers, String body) {
        public static Response ok(String body) {
            return new Response(200, Map.of(), body);
        }
    }

    private static final char[] PASSWORD = "local-test-only".toCharArray();

    private final HttpsServer server;
    private final Path keystore;
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public LocalLogAnalytics(Function<Request, Response> answer) {
        try {
            keystore = Files.createTempFile("loganalytics-", ".p12");
            Files.delete(keystore);
            keytool(keystore);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            server.createContext("/", exchange -> {
                byte[] in = exchange.getRequestBody().readAllBytes();
                JsonObject body = in.length == 0 ? new JsonObject()
                        : JsonParser.parseString(new String(in, StandardCharsets.UTF_8)).getAsJsonObject();
                Request req = new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                        body.has("query") ? body.get("query").getAsString() : null,
                        body.has("timespan") ? body.get("timespan").getAsString() : null, System.nanoTime());
                requests.add(req);
                Response r = answer.apply(req);
                byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(r.status(), out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base the client is given, as a sovereign-cloud setting would be: host only, the adapter adds /v1. */
    public String endpoint() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** Netty, as in production, trusting only this server's certificate. */
    public HttpClient httpClient() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, PASSWORD);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SslContext ssl = SslContextBuilder.forClient().trustManager(tmf).build();
            return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(ssl))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        Files.deleteIfExists(keystore);
    }

    private static void keytool(Path store) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a test certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Entra ID cannot exist in a test, so the credential hands out one fixed token and remembers the scopes it was asked
     * for; the server checks that the token arrives as a bearer header.
     */
    public static final class FixedToken implements TokenCredential {
        static final String TOKEN = "fixed-test-token";
        final List<List<String>> scopes = new CopyOnWriteArrayList<>();

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            scopes.add(List.copyOf(request.getScopes()));
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        }
    }
}
