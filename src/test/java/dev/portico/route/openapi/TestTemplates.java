package dev.portico.route.openapi;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateSyntaxException;

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
