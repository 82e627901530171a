package dev.portico.event;

/** Turns an ALB, REST v1, HTTP API v1/v2 or Function URL event into an {@link IncomingRequest}. */
public final class EventDecoder {

    /** @throws BadEventException when the bytes are not an HTTP event this function can serve */
    public IncomingRequest decode(byte[] event) {
        throw new UnsupportedOperationException("not built yet");
    }
}
