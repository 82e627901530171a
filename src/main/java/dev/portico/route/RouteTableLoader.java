package dev.portico.route;

import dev.portico.mapping.TemplateCompiler;

/** Reads an API Gateway export (OpenAPI 3.0 or Swagger 2.0, JSON or YAML) into a validated {@link RouteTable}. */
public final class RouteTableLoader {
    private final TemplateCompiler templates;

    public RouteTableLoader(TemplateCompiler templates) {
        this.templates = templates;
    }

    /**
     * @param source  a name for messages (file path or "bundled")
     * @param content the file's bytes
     * @throws InvalidRouteTableException naming the route and the problem
     */
    public RouteTable load(String source, byte[] content) {
        throw new UnsupportedOperationException("not built yet");
    }
}
