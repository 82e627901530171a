package dev.portico.authorizer;

import dev.portico.errors.GatewayException;
import dev.portico.event.Headers;
import dev.portico.integration.http.BackendClient;
import dev.portico.integration.http.BackendRequest;
import dev.portico.integration.http.BackendResponse;
import dev.portico.integration.http.BackendUri;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link KeyFetcher} on the function's one backend client (the pooled Vert.x client of HTTP integrations, on
 * Quarkus's event loop): a GET answered within 3 seconds in all, never redirected (a key endpoint that redirects is
 * not the one configured), certificates verified. A document over {@link #MAX_BYTES} is refused as soon as it
 * declares or sends more: the client stops reading there and drops the connection. Keys are fetched once and
 * cached by the verifiers, so this is off the path of nearly every request; being on the shared client, it costs
 * the start nothing of its own (the JDK's HttpClient it replaces set up TLS at every start, about 100 ms; issue #20).
 */
public final class BackendKeyFetcher implements KeyFetcher {
    static final int DEFAULT_TIMEOUT_MILLIS = 3000;

    private final BackendClient client;
    private final int timeoutMillis;

    public BackendKeyFetcher(BackendClient client) {
        this(client, DEFAULT_TIMEOUT_MILLIS);
    }

    BackendKeyFetcher(BackendClient client, int timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String fetch(URI uri) throws IOException {
        BackendResponse response;
        try {
            BackendUri target = BackendUri.of(uri.toString(), Map.of(), Map.of(), Set.of(), List.of());
            Headers headers = new Headers();
            headers.add("Accept", "*/*");
            response = client.send(new BackendRequest("GET", target, headers.freeze(), new byte[0], timeoutMillis,
                    false, MAX_BYTES));
        } catch (GatewayException e) {
            throw new IOException(uri + ": " + e.logDetail(), e);
        }
        if (response.status() == 404 || response.status() == 403) {
            throw new Missing(uri + " answered " + response.status());
        }
        if (response.status() != 200) {
            throw new IOException(uri + " answered " + response.status());
        }
        if (response.body().length > MAX_BYTES) {
            throw new IOException(uri + " answered more than " + MAX_BYTES + " bytes");
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
