package dev.portico.template.vtl;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateSyntaxException;
import java.io.StringReader;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;

/**
 * Compiles mapping templates with Velocity 2.4 configured to behave like the Velocity 1.7 that API Gateway runs.
 * One engine serves every template; each template is parsed once, here.
 */
public final class VelocityTemplateCompiler implements TemplateCompiler {
    private final RuntimeInstance engine;
    private final Limits limits;

    public VelocityTemplateCompiler() {
        this(Limits.DEFAULT);
    }

    VelocityTemplateCompiler(Limits limits) {
        this.limits = limits;
        this.engine = new RuntimeInstance();
        engine.init(properties(limits));
        engine.getApplicationEventCartridge().addEventHandler(new EmptyInvalidReferences());
    }

    static Properties properties(Limits limits) {
        Properties p = new Properties();
        // Velocity 1.7 whitespace: only lines holding nothing but a directive lose their indentation and newline.
        p.setProperty("parser.space_gobbling", "bc");
        // 1.7: #if on an empty string, list or map is true; only null and false are false.
        p.setProperty("directive.if.empty_check", "false");
        // 1.7 accepted $foo-bar as one identifier.
        p.setProperty("parser.allow_hyphen_in_identifiers", "true");
        // 1.7 had no argument conversion: $list.get("1") finds no method, as it does in API Gateway.
        p.setProperty("introspector.conversion_handler.class", "none");
        // 1.7 macro semantics (argument passing by name, global macros).
        p.setProperty("velocimacro.enable_bc_mode", "true");
        // 1.7 fired invalid-reference events for null values and quiet references; the handler turns them into "".
        // Tested references (#if($x)) stay false, as a null should.
        p.setProperty("event_handler.invalid_references.null", "true");
        p.setProperty("event_handler.invalid_references.quiet", "true");
        p.setProperty("event_handler.invalid_references.tested", "false");
        p.setProperty("runtime.strict_mode.enable", "false");
        p.setProperty("directive.foreach.max_loops", Integer.toString(limits.maxLoopIterations()));
        // No resources: #include and #parse find nothing; templates come only from compile().
        p.setProperty("resource.loaders", "string");
        p.setProperty("resource.loader.string.class", "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        p.setProperty("introspector.uberspect.class", SandboxUberspector.class.getName());
        p.setProperty("runtime.log.log_invalid_references", "false");
        return p;
    }

    @Override
    public MappingTemplate compile(String location, String source) {
        Template template = new Template();
        template.setRuntimeServices(engine);
        template.setName(location);
        try {
            org.apache.velocity.runtime.parser.node.SimpleNode tree = engine.parse(new StringReader(source), template);
            BoundedIntegerRange.replaceIn(tree);
            template.setData(tree);
            template.initDocument();
        } catch (ParseException e) {
            if (e.currentToken == null || e.currentToken.next == null) {
                throw new TemplateSyntaxException("mapping template " + location + " does not parse: "
                        + firstLine(e.getMessage()), e);
            }
            throw new TemplateSyntaxException("mapping template " + location + " does not parse: line "
                    + e.currentToken.next.beginLine + ", column " + e.currentToken.next.beginColumn
                    + ": " + firstLine(e.getMessage()), e);
        } catch (VelocityException e) {
            throw new TemplateSyntaxException("mapping template " + location + " does not parse: "
                    + firstLine(e.getMessage()), e);
        }
        return new VelocityMappingTemplate(location, source, template, limits);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
