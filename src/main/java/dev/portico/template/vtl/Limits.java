package dev.portico.template.vtl;

/**
 * What one render may consume: template text is user data, and so is what it reads, so every dimension is bounded.
 *
 * @param maxOutputChars    the rendered text, and any one string a template builds
 * @param maxWrites         {@code #set} assignments and {@code #foreach} steps
 * @param maxLoopIterations steps of one {@code #foreach} (API Gateway's documented 1,000)
 * @param maxCalls          method calls
 * @param maxBuiltChars     characters of all the strings a render keeps ({@code #set}) or passes to methods, in all
 * @param maxElements       elements of a range ({@code [1..n]}), and of a list or map a template grows
 * @param maxNumberBits     size of a big integer or decimal a template computes
 * @param maxRenderMillis   time, when the function's own deadline is not nearer
 */
record Limits(int maxOutputChars, int maxWrites, int maxLoopIterations, int maxCalls, long maxBuiltChars,
              int maxElements, int maxNumberBits, long maxRenderMillis) {
    static final Limits DEFAULT = new Limits(10 * 1024 * 1024, 1_000_000, 1000, 1_000_000, 64L * 1024 * 1024,
            1_000_000, 100_000, 5_000);

    void checkString(Object value) {
        if (value instanceof CharSequence text && text.length() > maxOutputChars) {
            throw new RenderLimitException("template built a string over " + maxOutputChars + " characters");
        }
    }
}
