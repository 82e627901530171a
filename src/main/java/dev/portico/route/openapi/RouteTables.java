package dev.portico.route.openapi;

import dev.portico.template.TemplateCompiler;
import dev.portico.template.vtl.VelocityTemplateCompiler;

/** The route-table loader wired with the project's VTL template compiler. */
public final class RouteTables {
    private static final TemplateCompiler COMPILER = new VelocityTemplateCompiler();

    private RouteTables() {}

    /** A loader that refuses every route with access control (nothing is enforced upstream). */
    public static RouteTableLoader loader() {
        return new RouteTableLoader(COMPILER);
    }

    /** A loader that lets through routes whose access control is all in {@code enforcedUpstream}. */
    public static RouteTableLoader loader(java.util.Set<String> enforcedUpstream) {
        return new RouteTableLoader(COMPILER, enforcedUpstream);
    }

    /** The mapping-template compiler every route table uses. */
    public static TemplateCompiler compiler() {
        return COMPILER;
    }
}
