package dev.portico.template;

/** Compiles mapping template text when a route table loads. */
public interface TemplateCompiler {

    /**
     * Checks the text and returns the template; a bad text fails here, so that a bad table fails at load.
     *
     * @param location where the template is, for messages: route name and content type
     * @param source   the template text
     * @throws TemplateSyntaxException when the text does not parse; its message names the location
     */
    MappingTemplate compile(String location, String source);

    /**
     * A template whose text was checked before this load (the bundled table is checked when it is built), so it is
     * not checked again; a compiler may then leave all work to the first render. If the text fails there after
     * all, that render throws {@link TemplateRenderException} (the gateway's 500), never anything else.
     */
    default MappingTemplate checked(String location, String source) {
        return compile(location, source);
    }

    /**
     * A compiler for the templates of one table load, which may share one compiled form between all templates
     * with the same text. The default shares nothing.
     */
    default TemplateCompiler forOneTable() {
        return this;
    }
}
