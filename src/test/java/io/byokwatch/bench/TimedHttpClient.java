package io.byokwatch.bench;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SDK HTTP client with a stopwatch around each exchange, body included (it is read inside the timing), so the
 * benchmark can tell time spent waiting on ARM from time spent in byokwatch.
 */
final class TimedHttpClient implements HttpClient {
    private final HttpClient inner;
    private final LongAdder nanos = new LongAdder();

    TimedHttpClient(HttpClient inner) {
        this.inner = inner;
    }

    long nanos() {
        return nanos.sum();
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.error(new UnsupportedOperationException("the ARM pipeline is synchronous"));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        long start = System.nanoTime();
        try (HttpResponse response = inner.sendSync(request, context)) {
            return new Read(response, response.getBodyAsBinaryData().toBytes());
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }

    /** A response whose body was read off the wire already. */
    private static final class Read extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        Read(HttpResponse original, byte[] body) {
            super(original.getRequest());
            this.status = original.getStatusCode();
            this.headers = original.getHeaders();
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @SuppressWarnings("deprecation")
        public String getHeaderValue(String name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return BinaryData.fromBytes(body);
        }
    }
}
