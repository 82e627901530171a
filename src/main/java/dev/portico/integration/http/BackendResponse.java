package dev.portico.integration.http;

import dev.portico.event.Headers;

/** What the backend answered: status, headers as sent (frozen, repeated names kept), body bytes as sent. */
public record BackendResponse(int status, Headers headers, byte[] body) {}
