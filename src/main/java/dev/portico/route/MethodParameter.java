package dev.portico.route;

/** A declared method request parameter (OpenAPI {@code parameters}): where it lives, its name, whether required. */
public record MethodParameter(Location in, String name, boolean required) {
    public enum Location { PATH, QUERY, HEADER }
}
