package dev.portico.event;

/** Decodes the event of one caller family once {@link EventDecoder} has told the caller apart. */
interface FormatDecoder {
    IncomingRequest decode(EventFields event);
}
