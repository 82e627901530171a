package dev.portico.route;

import dev.portico.mapping.MappingTemplate;
import dev.portico.mapping.TemplateCompiler;

/** The route-table loader wired with the project's template compiler. */
public final class RouteTables {
    private RouteTables() {}

    public static RouteTableLoader loader() {
        return new RouteTableLoader(compiler());
    }

    /** The mapping-template compiler every route table uses. */
    public static TemplateCompiler compiler() {
        return (location, source) -> new MappingTemplate() {
            @Override
            public String render(dev.portico.mapping.TemplateInput input) {
                return source;
            }

            @Override
            public String source() {
                return source;
            }
        };
    }
}
