package dev.portico.template.vtl;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateSyntaxException;
import java.io.StringReader;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;

/**
 * Compiles mapping templates with Velocity 2.4 configured to behave like the Velocity 1.7 that API Gateway runs.
 * One engine serves every template; each template is parsed once, here.
 */
public final class VelocityTemplateCompiler implements TemplateCompiler {
    /** Velocity's "Lexical error at line 1, column 23.  Encountered: '\"' (34), after prefix "\\" (...)". */
    private static final Pattern LEXICAL_ERROR = Pattern.compile(
            "Lexical error at line (\\d+), column (\\d+)\\.\\s*Encountered:(?:[^(]*\\((\\d+)\\))?.*?after (?:prefix )?\"(.*)\"");
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
            throw new TemplateSyntaxException("mapping template " + location + " does not parse: " + where(e), e);
        } catch (VelocityException e) {
            throw new TemplateSyntaxException("mapping template " + location + " does not parse: "
                    + firstLine(e.getMessage()), e);
        }
        return new VelocityMappingTemplate(location, source, template, limits);
    }

    /**
     * "line L, column C: what". A grammar error carries the token it stopped at; a lexical error (a backslash
     * before a quote in a method argument, say) leaves {@code currentToken} null and has its position only in the
     * message of the {@code TokenMgrError} that Velocity wraps.
     */
    static String where(ParseException e) {
        String message = String.valueOf(e.getMessage());
        Token at = e.currentToken == null ? null : e.currentToken.next != null ? e.currentToken.next : e.currentToken;
        if (at != null) {
            return "line " + at.beginLine + ", column " + at.beginColumn + ": " + firstLine(message);
        }
        Matcher lexical = LEXICAL_ERROR.matcher(message);
        if (lexical.find()) {
            String found = lexical.group(3) == null ? "end of template"
                    : "'" + Character.toString(Integer.parseInt(lexical.group(3))) + "'";
            String after = unescape(lexical.group(4));
            return "line " + lexical.group(1) + ", column " + lexical.group(2) + ": unexpected " + found
                    + (after.isEmpty() ? "" : " after '" + after + "'");
        }
        return firstLine(message);
    }

    /** JavaCC writes the text before the error with Java escapes; give it back as written. */
    private static String unescape(String escaped) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                text.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
