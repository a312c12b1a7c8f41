package io.byokwatch.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the Functions host hands it over; the host itself cannot run here. */
record TestHttpRequest(HttpMethod method, Map<String, String> query, String body) implements HttpRequestMessage<Optional<String>> {

    record Response(HttpStatusType status, Map<String, String> headers, Object body) implements HttpResponseMessage {
        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String key) {
            return headers.get(key);
        }

        @Override
        public Object getBody() {
            return body;
        }
    }

    @Override
    public URI getUri() {
        return URI.create("https://byokwatch.azurewebsites.net/api/compliance");
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return Map.of();
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<String> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return createResponseBuilder((HttpStatusType) status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new HttpResponseMessage.Builder() {
            private HttpStatusType s = status;
            private final Map<String, String> headers = new HashMap<>();
            private Object body;

            public HttpResponseMessage.Builder status(HttpStatusType st) {
                s = st;
                return this;
            }

            public HttpResponseMessage.Builder header(String k, String v) {
                headers.put(k, v);
                return this;
            }

            public HttpResponseMessage.Builder body(Object b) {
                body = b;
                return this;
            }

            public HttpResponseMessage build() {
                return new Response(s, headers, body);
            }
        };
    }
}
