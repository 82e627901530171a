package dev.portico.route.openapi;

import java.util.Locale;

/**
 * How the export's own base path (Swagger 2 {@code basePath}, OpenAPI 3 {@code servers[].url} and its
 * {@code basePath} variable) becomes part of the resource paths, as API Gateway's import parameter
 * {@code basepath} decides: "Set the OpenAPI basePath property",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html. With a base
 * path {@code /a/b/c} and paths {@code /e} and {@code /f}:
 * <ul>
 *   <li>{@link #IGNORE}, API Gateway's default: {@code /e}, {@code /f}; the base path is treated as absent.</li>
 *   <li>{@link #PREPEND}: {@code /a/b/c/e}, {@code /a/b/c/f}; the base path is part of every resource.</li>
 *   <li>{@link #SPLIT}: {@code /b/c/e}, {@code /b/c/f}; the top-most part ({@code /a}, typically a stage name) is
 *       dropped and the rest prepended.</li>
 * </ul>
 * The intermediate resources API Gateway creates without methods ({@code /a}, {@code /a/b}) answer as any path
 * without a method does, so Portico adds nothing for them.
 */
public enum BasePathMode {
    IGNORE, PREPEND, SPLIT;

    /** {@code ignore}, {@code prepend} or {@code split}, in any case. */
    public static BasePathMode parse(String text) {
        for (BasePathMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("basepath mode '" + text + "' is none of ignore, prepend, split");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
