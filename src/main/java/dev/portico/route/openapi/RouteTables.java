package dev.portico.route.openapi;

import dev.portico.template.TemplateCompiler;
import dev.portico.template.vtl.VelocityTemplateCompiler;
import java.util.Set;

/** The route-table loader wired with the project's VTL template compiler. */
public final class RouteTables {
    private static final TemplateCompiler COMPILER = new VelocityTemplateCompiler();

    private RouteTables() {}

    /** A loader that refuses every route with access control (nothing is enforced upstream). */
    public static RouteTableLoader loader() {
        return new RouteTableLoader(COMPILER);
    }

    /** A loader that lets through routes whose access control is all in {@code enforcedUpstream}. */
    public static RouteTableLoader loader(Set<String> enforcedUpstream) {
        return new RouteTableLoader(COMPILER, enforcedUpstream);
    }

    /**
     * The function's loader: access control in {@code enforcedUpstream} let through, and the AWS variables for
     * OpenAPI import resolved from the function's region and account.
     */
    public static RouteTableLoader loader(Set<String> enforcedUpstream, ImportVariables variables) {
        return new RouteTableLoader(COMPILER, enforcedUpstream, variables);
    }

    /** The mapping-template compiler every route table uses. */
    public static TemplateCompiler compiler() {
        return COMPILER;
    }
}
