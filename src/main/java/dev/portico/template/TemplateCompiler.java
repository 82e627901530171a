package dev.portico.template;

/** Compiles mapping template text once, when a route table loads. */
public interface TemplateCompiler {

    /**
     * @param location where the template is, for messages: route name and content type
     * @param source   the template text
     * @throws TemplateSyntaxException when the text does not parse; its message names the location
     */
    MappingTemplate compile(String location, String source);
}
