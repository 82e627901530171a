package dev.portico.route;

import dev.portico.mapping.TemplateCompiler;
import dev.portico.mapping.vtl.VelocityTemplateCompiler;

/** The route-table loader wired with the project's VTL template compiler. */
public final class RouteTables {
    private static final TemplateCompiler COMPILER = new VelocityTemplateCompiler();

    private RouteTables() {}

    public static RouteTableLoader loader() {
        return new RouteTableLoader(COMPILER);
    }

    /** The mapping-template compiler every route table uses. */
    public static TemplateCompiler compiler() {
        return COMPILER;
    }
}
