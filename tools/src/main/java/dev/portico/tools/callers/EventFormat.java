package dev.portico.tools.callers;

import java.util.Locale;

/** The callers whose events {@link CallerEvents} builds and whose answers {@link AnswerDecoder} reads. */
public enum EventFormat {
    ALB("alb"),
    ALB_MULTI_VALUE("alb-mv"),
    REST_V1("v1"),
    HTTP_V2("v2");

    private final String label;

    EventFormat(String label) {
        this.label = label;
    }

    /** The short name used in reports: {@code alb}, {@code alb-mv}, {@code v1}, {@code v2}. */
    public String label() {
        return label;
    }

    public boolean isAlb() {
        return this == ALB || this == ALB_MULTI_VALUE;
    }

    /** Reads a command-line name: a label, or {@code alb-multi} for the ALB's multi-value mode. */
    public static EventFormat fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("alb-multi")) {
            return ALB_MULTI_VALUE;
        }
        for (EventFormat format : values()) {
            if (format.label.equals(lower)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (alb, alb-multi, v1 or v2)");
    }
}
