package dev.portico.route;

import dev.portico.mapping.MappingTemplate;
import dev.portico.mapping.TemplateCompiler;
import dev.portico.mapping.TemplateInput;
import dev.portico.mapping.TemplateSyntaxException;

/** Stand-ins for the VTL compiler: a template keeps its source; a source containing "#broken" does not parse. */
final class TestTemplates {
    private TestTemplates() {}

    record SourceTemplate(String location, String source) implements MappingTemplate {
        @Override
        public String render(TemplateInput input) {
            return source;
        }
    }

    static final TemplateCompiler COMPILER = (location, source) -> {
        if (source.contains("#broken")) {
            throw new TemplateSyntaxException(location + ": unexpected #broken", null);
        }
        return new SourceTemplate(location, source);
    };
}
