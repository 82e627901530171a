package dev.portico.template.vtl;

import dev.portico.template.JsonText;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateInput;
import dev.portico.template.TemplateRenderException;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;

/** A parsed template; each render gets its own variables and output buffer. */
final class VelocityMappingTemplate implements MappingTemplate {
    private final String location;
    private final String source;
    private final Template template;
    private final Limits limits;

    VelocityMappingTemplate(String location, String source, Template template, Limits limits) {
        this.location = location;
        this.source = source;
        this.template = template;
        this.limits = limits;
    }

    @Override
    public String render(TemplateInput input) {
        RenderBudget budget = new RenderBudget(limits, input.deadlineNanos());
        TemplateContext context = new TemplateContext(budget);
        context.define("input", new InputVariable(input));
        context.define("util", UtilVariable.INSTANCE);
        context.define("context", input.context() == null ? Map.of() : input.context());
        context.define("stageVariables", input.stageVariables() == null ? Map.of() : input.stageVariables());
        LimitedWriter out = new LimitedWriter(budget);
        budget.begin();
        try {
            template.merge(context, out);
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateRenderException(describe(e), e);
        } catch (OutOfMemoryError e) {
            // A last resort behind the budget: what the render built is garbage now, so the function can go on.
            throw new TemplateRenderException("mapping template " + location + " stopped: out of memory", null);
        } finally {
            budget.end();
        }
        return out.toString();
    }

    /** Names the template and line; the message is for logs only. */
    private String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RenderLimitException) {
                return "mapping template " + location + " stopped: " + t.getMessage();
            }
        }
        if (e instanceof MethodInvocationException mie) {
            Throwable cause = mie.getCause() == null ? mie : mie.getCause();
            return "mapping template " + location + " failed at line " + mie.getLineNumber() + ", column "
                    + mie.getColumnNumber() + " calling " + mie.getReferenceName() + "." + mie.getMethodName()
                    + ": " + cause.getClass().getSimpleName() + refusal(cause);
        }
        if (e instanceof VelocityException) {
            return "mapping template " + location + " failed: " + e.getMessage();
        }
        return "mapping template " + location + " failed: " + e.getClass().getSimpleName();
    }

    /** The reason when a bound refused the call (it names no data); nothing for other failures. */
    private static String refusal(Throwable cause) {
        String message = cause.getMessage();
        return message != null && message.startsWith(JsonText.REFUSED) ? " (" + message + ")" : "";
    }

    @Override
    public String source() {
        return source;
    }
}
