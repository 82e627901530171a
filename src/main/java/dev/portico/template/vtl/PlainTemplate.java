package dev.portico.template.vtl;

/**
 * Recognises template texts that Velocity parses whatever they hold, so that checking them at load needs no parse:
 * text with no directive ({@code #}), no escape ({@code \}) and no reference but plain ones such as
 * {@code $context.resourcePath} (letters, digits and underscores, dotted; no braces, quiet {@code !}, method call,
 * index, hyphen or {@code $$}). Most generated and exported templates are such texts ({@code {"statusCode": 200}},
 * {@code {"route": "$context.resourcePath"}}); a 10,000-route file spent half its load parsing them. Anything else,
 * or anything in doubt, is left to the parser: this answers {@code false}.
 */
final class PlainTemplate {
    private PlainTemplate() {}

    /** Whether the text is plain: true only when Velocity's parse of it cannot fail. */
    static boolean parsesAsIs(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '#' || c == '\\') {
                return false;
            }
            if (c != '$') {
                continue;
            }
            if (i + 1 == length) {
                return true;
            }
            char next = text.charAt(i + 1);
            if (!isLetter(next)) {
                if (next == '{' || next == '!' || next == '$' || next == '_' || next == '-') {
                    return false;
                }
                continue; // a lone $ is text
            }
            int end = identifierEnd(text, i + 1);
            while (end + 1 < length && text.charAt(end) == '.' && isLetter(text.charAt(end + 1))) {
                end = identifierEnd(text, end + 1);
            }
            if (end < length && "([.{}|!-".indexOf(text.charAt(end)) >= 0) {
                return false;
            }
            i = end - 1;
        }
        return true;
    }

    private static int identifierEnd(String text, int start) {
        int end = start;
        while (end < text.length() && isIdentifierPart(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isIdentifierPart(char c) {
        return isLetter(c) || c >= '0' && c <= '9' || c == '_';
    }
}
