package dev.portico.template.vtl;

import java.io.IOException;
import java.io.Reader;

/**
 * The template text as Velocity's parser reads it. Velocity's {@code VelocityCharStream} reads until its reader
 * answers -1, puts an end-of-file mark in its buffer, and on the next -1 closes the reader and throws a new
 * {@code IOException}, which its token manager takes for the end of input; a closed {@code StringReader} then
 * throws another on the next read. That is two exceptions per template, each filling in a stack trace about 80
 * frames deep: a third of the time a small template took to parse. This reader answers -1 once, as any reader
 * does, and from then on throws one shared exception that has no stack trace; the char stream passes a reader's
 * own {@code IOException} on unchanged, so the parser sees the same end of input and nothing is allocated for it.
 */
final class EndOfTemplateReader extends Reader {
    /** Immutable (no stack trace, no suppressed exceptions kept), so one instance serves every parse. */
    private static final IOException END = new EndOfTemplate();

    private final String text;
    private int next;
    private boolean ended;

    EndOfTemplateReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (ended) {
            throw END;
        }
        if (length == 0) {
            return 0;
        }
        if (next >= text.length()) {
            ended = true;
            return -1;
        }
        int count = Math.min(length, text.length() - next);
        text.getChars(next, next + count, buffer, offset);
        next += count;
        return count;
    }

    @Override
    public void close() {
        // nothing to release
    }

    private static final class EndOfTemplate extends IOException {
        EndOfTemplate() {
            super("end of template");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public synchronized Throwable initCause(Throwable cause) {
            return this;
        }
    }
}
