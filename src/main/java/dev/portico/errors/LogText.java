package dev.portico.errors;

import java.util.regex.Pattern;

/**
 * What the function's log may say of a failure. A backend's message, an exception's text or a URL the function
 * built can hold what belongs to the deployment and not to its log (which ends up in CloudWatch, log subscriptions
 * and tickets): the integration endpoint's address, a Java class name, a stack trace. The log line around it names
 * the route and the gateway error already, so {@link #of(String)} keeps the why and drops those: a URL's
 * {@code scheme://host:port} becomes {@code scheme://[endpoint]}, an IP address {@code [address]}, a qualified class
 * name (with its {@code ": "}) nothing. Exceptions are told by their messages alone ({@link #of(Throwable)}), never
 * with a trace. The dev tools ({@code ./portico explain}, {@code test}) still show the whole detail.
 */
public final class LogText {
    private static final Pattern URL_AUTHORITY = Pattern.compile("\\b(https?|wss?)://[^/\\s?#\"']+");
    private static final Pattern IP_ADDRESS = Pattern.compile(
            "\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b|\\[[0-9A-Fa-f:.]+](?::\\d{1,5})?");
    /** Under the roots Java packages live in; {@code method.request.header.X} and the like are not class names. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|io|net|software|dev)\\.(?:[a-z][a-z0-9_]*\\.)+[A-Z][\\w$]*(?::\\s*)?");
    private static final int MAX_CAUSES = 5;

    private LogText() {}

    /** {@code text} without endpoint addresses and class names; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String safe = URL_AUTHORITY.matcher(text).replaceAll("$1://[endpoint]");
        safe = IP_ADDRESS.matcher(safe).replaceAll("[address]");
        return CLASS_NAME.matcher(safe).replaceAll("").strip();
    }

    /** The messages of {@code error} and its causes, made safe by {@link #of(String)}, joined by {@code "; "}. */
    public static String of(Throwable error) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String message = of(t.getMessage());
            if (message == null || message.isEmpty() || text.indexOf(message) >= 0) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(message);
        }
        return text.isEmpty() ? "an unexpected failure without a message" : text.toString();
    }
}
