package dev.portico.template.vtl;

import dev.portico.template.JsonText;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateRenderException;
import dev.portico.template.TemplateSyntaxException;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;

/**
 * One distinct template text of a table, shared by every route whose template has that text, and its parsed form,
 * made at the first render and then kept. It names no route: a route's template failing at run time is named by
 * the caller ({@code MappingTemplates.render} adds the route and content type). Each render gets its own
 * variables and output buffer. A text that does not parse at first use (possible only for a table trusted without
 * a check) is remembered as failed, and each render of it fails at once with {@link TemplateRenderException}.
 */
final class VelocityMappingTemplate implements MappingTemplate {
    private final VelocityTemplateCompiler compiler;
    private final String source;
    private final Limits limits;
    /** The parsed Template, or the TemplateSyntaxException the text failed with; null until the first render. */
    private volatile Object parsed;
    /** Whether the text is literal text only, which Velocity renders as it is: {@link #isLiteral}. */
    private final boolean literal;
    /** Velocity's method and property lookups for this text, shared by its renders. */
    private final IntrospectionCache lookups = new IntrospectionCache();

    VelocityMappingTemplate(VelocityTemplateCompiler compiler, String source, Limits limits) {
        this.compiler = compiler;
        this.source = source;
        this.limits = limits;
        this.literal = isLiteral(source, limits);
    }

    /**
     * A text with no reference ({@code $}), no directive or comment ({@code #}) and no escape ({@code \}) is one
     * literal text node to Velocity's parser, rendered character for character, whitespace and line ends included
     * (space gobbling acts only around directives): MOCK's {@code {"statusCode": 200}} is such a text. It is answered
     * as it is, with no render; one longer than the output limit still goes through the render, which refuses it.
     */
    static boolean isLiteral(String source, Limits limits) {
        return source.length() <= limits.maxOutputChars() && source.indexOf('$') < 0 && source.indexOf('#') < 0
                && source.indexOf('\\') < 0;
    }

    /** Parsing twice in a race is harmless: both results are equal, and neither changes once made. */
    private Template template() {
        Object made = parsed;
        if (made == null) {
            try {
                made = compiler.parse("", source);
            } catch (TemplateSyntaxException e) {
                made = e;
            }
            parsed = made;
        }
        if (made instanceof TemplateSyntaxException e) {
            throw new TemplateRenderException(e.getMessage(), null);
        }
        return (Template) made;
    }

    @Override
    public String render(TemplateInput input) {
        return literal ? source : merge(input);
    }

    @Override
    public boolean isLiteral() {
        return literal;
    }

    /** The render through Velocity, whatever the text. */
    String merge(TemplateInput input) {
        Template template = template();
        RenderBudget budget = new RenderBudget(limits, input.deadlineNanos());
        TemplateContext context = new TemplateContext(budget, lookups);
        context.define("input", new InputVariable(input));
        context.define("util", UtilVariable.INSTANCE);
        context.define("context", input.context() == null ? Map.of() : input.context());
        context.define("stageVariables", input.stageVariables() == null ? Map.of() : input.stageVariables());
        LimitedWriter out = new LimitedWriter(budget);
        budget.begin();
        try {
            template.merge(context, out);
            return out.toString();
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateRenderException(describe(e), e);
        } catch (OutOfMemoryError e) {
            // A last resort behind the budget: what the render built is garbage now, so the function can go on.
            throw new TemplateRenderException("mapping template stopped: out of memory", null);
        } finally {
            budget.end();
            out.release();
        }
    }

    /** Names the template and line; the message is for logs only. */
    private String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RenderLimitException) {
                return "mapping template stopped: " + t.getMessage();
            }
        }
        if (e instanceof MethodInvocationException mie) {
            Throwable cause = mie.getCause() == null ? mie : mie.getCause();
            return "mapping template failed at line " + mie.getLineNumber() + ", column "
                    + mie.getColumnNumber() + " calling " + mie.getReferenceName() + "." + mie.getMethodName()
                    + ": " + cause.getClass().getSimpleName() + refusal(cause);
        }
        if (e instanceof VelocityException) {
            return "mapping template failed: " + e.getMessage();
        }
        return "mapping template failed: " + e.getClass().getSimpleName();
    }

    /** The reason when a bound refused the call (it names no data); nothing for other failures. */
    private static String refusal(Throwable cause) {
        String message = cause.getMessage();
        return message != null && message.startsWith(JsonText.REFUSED) ? " (" + message + ")" : "";
    }

    /** How many of Velocity's lookups this text keeps across renders (for tests). */
    int lookupsKept() {
        return lookups.size();
    }

    @Override
    public String source() {
        return source;
    }
}
