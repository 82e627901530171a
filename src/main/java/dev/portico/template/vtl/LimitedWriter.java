package dev.portico.template.vtl;

import java.io.Writer;

/** A StringBuilder writer that fails once the output passes the limit or the render its time. */
final class LimitedWriter extends Writer {
    private final StringBuilder out = new StringBuilder(256);
    private final int limit;
    private final RenderBudget budget;

    LimitedWriter(RenderBudget budget) {
        this.limit = budget.limits().maxOutputChars();
        this.budget = budget;
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

    private void check(int more) {
        budget.checkTime();
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
