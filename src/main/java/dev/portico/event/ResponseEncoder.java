package dev.portico.event;

/** Writes an {@link OutgoingResponse} in the caller's own response shape. */
public final class ResponseEncoder {

    /** @param format the caller; null when unknown (a shape every caller accepts is used) */
    public byte[] encode(OutgoingResponse response, CallerFormat format) {
        throw new UnsupportedOperationException("not built yet");
    }
}
