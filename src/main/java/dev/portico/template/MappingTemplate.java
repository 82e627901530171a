package dev.portico.template;

/** A compiled mapping template: parsed once when the route table loads, rendered per request. */
public interface MappingTemplate {

    /**
     * Renders the template.
     *
     * @throws TemplateRenderException when the template fails at run time (the gateway answers 500)
     */
    String render(TemplateInput input);

    /** The template text as written in the route table. */
    String source();

    /** Whether the text is answered as it is, with no render and so no template engine. */
    default boolean isLiteral() {
        return false;
    }
}
