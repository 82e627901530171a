package dev.portico.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions run on request- or backend-controlled text (selection patterns against a Lambda
 * {@code errorMessage}, {@code matches}/{@code replaceAll}/{@code split} in templates), bounded: the text is read
 * through a counter, so a pattern that backtracks without end stops after {@link #MAX_STEPS} character reads, and
 * a recursion too deep for the stack stops too, both as {@link LimitExceeded}; a replacement stops once its result
 * passes {@code maxChars}.
 */
public final class Regex {
    /** Character reads one match may make: twice what a linear pattern reads over a 10 MB payload. */
    public static final int MAX_STEPS = 20_000_000;

    private Regex() {}

    /** A match that could not finish within its bounds. */
    public static final class LimitExceeded extends RuntimeException {
        public LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether the whole text matches. */
    public static boolean matches(Pattern pattern, CharSequence text) {
        try {
            return pattern.matcher(new Counted(text)).matches();
        } catch (StackOverflowError e) {
            throw tooDeep(pattern);
        }
    }

    /** {@link String#replaceAll} (or {@code replaceFirst} when {@code all} is false), its result bounded. */
    public static String replace(Pattern pattern, String text, String replacement, boolean all, int maxChars) {
        try {
            Matcher matcher = pattern.matcher(new Counted(text));
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, replacement);
                if (out.length() > maxChars) {
                    throw new LimitExceeded("a replacement built a string over " + maxChars + " characters");
                }
                if (!all) {
                    break;
                }
            }
            matcher.appendTail(out);
            if (out.length() > maxChars) {
                throw new LimitExceeded("a replacement built a string over " + maxChars + " characters");
            }
            return out.toString();
        } catch (StackOverflowError e) {
            throw tooDeep(pattern);
        }
    }

    /** {@link String#split(String, int)}. */
    public static String[] split(Pattern pattern, String text, int limit) {
        try {
            CharSequence[] parts = pattern.split(new Counted(text), limit);
            List<String> out = new ArrayList<>(parts.length);
            for (CharSequence part : parts) {
                out.add(part.toString());
            }
            return out.toArray(new String[0]);
        } catch (StackOverflowError e) {
            throw tooDeep(pattern);
        }
    }

    private static LimitExceeded tooDeep(Pattern pattern) {
        return new LimitExceeded("pattern " + pattern.pattern() + " recursed too deep for the stack");
    }

    /** The text, counting reads; subsequences share the count. */
    private static final class Counted implements CharSequence {
        private final CharSequence text;
        private final int[] steps;
        private final int offset;
        private final int length;

        Counted(CharSequence text) {
            this(text, new int[1], 0, text.length());
        }

        private Counted(CharSequence text, int[] steps, int offset, int length) {
            this.text = text;
            this.steps = steps;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public char charAt(int index) {
            if (++steps[0] > MAX_STEPS) {
                throw new LimitExceeded("pattern matching stopped after " + MAX_STEPS + " steps");
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text, steps, offset + start, end - start);
        }

        @Override
        public String toString() {
            return text.subSequence(offset, offset + length).toString();
        }
    }
}
