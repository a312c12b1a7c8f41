package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A self-signed certificate for the fake ARM endpoint, made once per test run with the JDK's keytool (the bearer
 * token policy refuses plain http, so the fake must speak TLS), and an SDK Netty client that trusts only it. The
 * production path keeps the SDK's default client and the JDK trust store.
 */
public final class TestTls {
    private static final char[] PASSWORD = "fake-arm-test".toCharArray();
    private static final String ALIAS = "fake-arm";
    private static TestTls instance;

    public final SSLContext serverContext;
    public final HttpClient trustingClient;
    private final SslContext clientContext;

    private TestTls(SSLContext serverContext, HttpClient trustingClient, SslContext clientContext) {
        this.serverContext = serverContext;
        this.trustingClient = trustingClient;
        this.clientContext = clientContext;
    }

    /** A client like {@link #trustingClient} that gives up on a silent server after {@code timeout}: fault tests. */
    HttpClient trustingClient(java.time.Duration timeout) {
        return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(clientContext).handshakeTimeout(timeout)))
                .connectTimeout(timeout).responseTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).build();
    }

    public static synchronized TestTls get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static TestTls create() {
        try {
            Path dir = Files.createTempDirectory("fake-arm-tls");
            Path store = dir.resolve("fake-arm.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            X509Certificate cert = (X509Certificate) keyStore.getCertificate(ALIAS);
            SslContext trustOnlyFake = SslContextBuilder.forClient().trustManager(cert).build();
            HttpClient client = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(trustOnlyFake))).build();
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
            return new TestTls(server, client, trustOnlyFake);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the fake ARM endpoint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
