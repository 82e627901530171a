package dev.portico.template.vtl;

import java.io.Writer;

/**
 * A StringBuilder writer that fails once the output passes the limit or the render its time. Its builder is the
 * thread's spare one when that is free (a render inside a render gets one of its own), given back by {@link #release}
 * unless it grew past {@link #KEPT_CAPACITY}, so that a warm function does not allocate an output buffer per render.
 */
final class LimitedWriter extends Writer {
    /** The largest builder kept for the next render; a larger one is left to the collector. */
    static final int KEPT_CAPACITY = 16 * 1024;
    /** The thread's spare builder, in a slot of its own: a slot is changed without {@link ThreadLocal#set}'s upkeep. */
    private static final ThreadLocal<StringBuilder[]> SPARE = ThreadLocal.withInitial(() -> new StringBuilder[1]);

    private StringBuilder out;
    private final int limit;
    private final RenderBudget budget;

    LimitedWriter(RenderBudget budget) {
        this.limit = budget.limits().maxOutputChars();
        this.budget = budget;
        StringBuilder[] slot = SPARE.get();
        StringBuilder spare = slot[0];
        if (spare != null) {
            slot[0] = null;
            spare.setLength(0);
            this.out = spare;
        } else {
            this.out = new StringBuilder(256);
        }
    }

    /** Gives the builder back to the thread; the writer is not used after this. Harmless twice. */
    void release() {
        StringBuilder done = out;
        if (done != null && done.capacity() <= KEPT_CAPACITY) {
            done.setLength(0);
            SPARE.get()[0] = done;
        }
        out = null;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        check(length);
        out.append(buffer, offset, length);
    }

    @Override
    public void write(String text) {
        check(text.length());
        out.append(text);
    }

    @Override
    public void write(String text, int offset, int length) {
        check(length);
        out.append(text, offset, offset + length);
    }

    @Override
    public void write(int c) {
        check(1);
        out.append((char) c);
    }

    /** Output longer than this is not a cheap step: the clock is read before it is written. */
    private static final int CHEAP_WRITE = 1024;

    private void check(int more) {
        if (more > CHEAP_WRITE) budget.checkTime();
        else budget.step();
        if (out.length() + (long) more > limit) {
            throw new RenderLimitException("template output exceeded " + limit + " characters");
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return out.toString();
    }
}
