package dev.portico.template.vtl;

/** What one render may consume: template text is user data, so every dimension is bounded. */
record Limits(int maxOutputChars, int maxWrites, int maxLoopIterations) {
    static final Limits DEFAULT = new Limits(10 * 1024 * 1024, 1_000_000, 1000);

    void checkString(Object value) {
        if (value instanceof CharSequence text && text.length() > maxOutputChars) {
            throw new RenderLimitException("template built a string over " + maxOutputChars + " characters");
        }
    }
}
