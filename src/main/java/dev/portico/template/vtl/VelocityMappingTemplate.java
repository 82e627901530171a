package dev.portico.template.vtl;

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
        TemplateContext context = new TemplateContext(limits);
        context.define("input", new InputVariable(input));
        context.define("util", UtilVariable.INSTANCE);
        context.define("context", input.context() == null ? Map.of() : input.context());
        context.define("stageVariables", input.stageVariables() == null ? Map.of() : input.stageVariables());
        LimitedWriter out = new LimitedWriter(limits.maxOutputChars());
        try {
            template.merge(context, out);
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateRenderException(describe(e), e);
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
                    + ": " + cause.getClass().getSimpleName();
        }
        if (e instanceof VelocityException) {
            return "mapping template " + location + " failed: " + e.getMessage();
        }
        return "mapping template " + location + " failed: " + e.getClass().getSimpleName();
    }

    @Override
    public String source() {
        return source;
    }
}
