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
}
