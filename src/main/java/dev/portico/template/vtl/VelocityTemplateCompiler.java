package dev.portico.template.vtl;

import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateSyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.slf4j.LoggerFactory;

/**
 * Compiles mapping templates with Velocity 2.4 configured to behave like the Velocity 1.7 that API Gateway runs.
 * One engine serves every template, made when the first template is compiled (a table without templates never
 * starts Velocity); each distinct text is parsed once per {@link #forOneTable() table} and its parsed form shared
 * by every route that has it.
 *
 * <p>Compiling checks the text (a bad table fails at load, naming the route) and keeps only the text: the parsed
 * tree is made again, once, when the template is first rendered, and then kept. Most routes of a large table are
 * never called by one function instance, and their trees were most of its heap. A table that was checked before it
 * reached the function (the bundled table, at build) is not parsed at all at start ({@link #checked}).
 */
public final class VelocityTemplateCompiler implements TemplateCompiler {
    /** Velocity's "Lexical error at line 1, column 23.  Encountered: '\"' (34), after prefix "\\" (...)". */
    private static final Pattern LEXICAL_ERROR = Pattern.compile(
            "Lexical error at line (\\d+), column (\\d+)\\.\\s*Encountered:(?:[^(]*\\((\\d+)\\))?.*?after (?:prefix )?\"(.*)\"");
    /**
     * The name of every parsed template. A parsed form is shared by all routes with the same text, so it cannot
     * name one of them; messages name the route from {@link VelocityMappingTemplate}'s location instead.
     */
    static final String TEMPLATE_NAME = "mapping template";
    private final Limits limits;
    private volatile RuntimeInstance engine;

    public VelocityTemplateCompiler() {
        this(Limits.DEFAULT);
    }

    VelocityTemplateCompiler(Limits limits) {
        this.limits = limits;
    }

    /** Velocity's engine, made on first use. */
    RuntimeInstance engine() {
        RuntimeInstance made = engine;
        if (made == null) {
            synchronized (this) {
                made = engine;
                if (made == null) {
                    made = new RuntimeInstance();
                    // One logger for the engine and everything it makes: otherwise every template and many of its
                    // nodes look a logger up by name when they are made.
                    made.setProperty(RuntimeConstants.RUNTIME_LOG_INSTANCE, LoggerFactory.getLogger("org.apache.velocity"));
                    made.init(properties(limits));
                    made.getApplicationEventCartridge().addEventHandler(new EmptyInvalidReferences());
                    engine = made;
                }
            }
        }
        return made;
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
        check(location, source);
        return new VelocityMappingTemplate(this, source, limits);
    }

    /** Trusts the text: it was checked before (at build, for the bundled table); it is parsed at first render. */
    @Override
    public MappingTemplate checked(String location, String source) {
        return new VelocityMappingTemplate(this, source, limits);
    }

    /**
     * A compiler for one table: each distinct text is checked once and is one {@link VelocityMappingTemplate} for
     * every route that has it, so a template used by many routes is parsed (at first render) once for all of them.
     * It lives as long as the load; the table keeps only the texts its routes use.
     */
    @Override
    public TemplateCompiler forOneTable() {
        return new OneTable();
    }

    private final class OneTable implements TemplateCompiler {
        private final Map<String, VelocityMappingTemplate> texts = new HashMap<>();

        @Override
        public MappingTemplate compile(String location, String source) {
            VelocityMappingTemplate template = texts.get(source);
            if (template == null) {
                check(location, source);
                template = new VelocityMappingTemplate(VelocityTemplateCompiler.this, source, limits);
                texts.put(source, template);
            }
            return template;
        }

        @Override
        public MappingTemplate checked(String location, String source) {
            return texts.computeIfAbsent(source,
                    text -> new VelocityMappingTemplate(VelocityTemplateCompiler.this, text, limits));
        }

        @Override
        public TemplateCompiler forOneTable() {
            return this;
        }
    }

    /** Parses the text, unless it is plain text that no parse can refuse ({@link PlainTemplate}). */
    private void check(String location, String source) {
        if (!PlainTemplate.parsesAsIs(source)) {
            parse(location, source);
        }
    }

    /**
     * Parses the text into a template ready to merge.
     *
     * @throws TemplateSyntaxException naming {@code location} when the text does not parse
     */
    Template parse(String location, String source) {
        String named = location.isEmpty() ? "mapping template" : "mapping template " + location;
        RuntimeInstance engine = engine();
        Template template = new Template();
        template.setRuntimeServices(engine);
        template.setName(TEMPLATE_NAME);
        try {
            SimpleNode tree = engine.parse(new EndOfTemplateReader(source), template);
            BoundedIntegerRange.replaceIn(tree);
            template.setData(tree);
            template.initDocument();
        } catch (ParseException e) {
            throw new TemplateSyntaxException(named + " does not parse: " + where(e), e);
        } catch (VelocityException e) {
            throw new TemplateSyntaxException(named + " does not parse: "
                    + firstLine(e.getMessage()), e);
        }
        return template;
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
