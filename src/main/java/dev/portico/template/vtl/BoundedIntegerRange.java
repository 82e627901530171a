package dev.portico.template.vtl;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.ASTIntegerRange;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.util.DuckType;

/**
 * {@code [a..b]} with at most {@link Limits#maxElements()} elements. Velocity's range is lazy, but any method on it
 * ({@code toArray}, {@code contains}) or printing it walks every element; the compiler puts this node in place of
 * each range it parses.
 */
final class BoundedIntegerRange extends ASTIntegerRange {
    BoundedIntegerRange(ASTIntegerRange parsed) {
        super(org.apache.velocity.runtime.parser.node.StandardParserTreeConstants.JJTINTEGERRANGE);
        this.parser = parsed.getParser();
        this.first = parsed.getFirstToken();
        this.last = parsed.getLastToken();
        this.template = parsed.getTemplate();
        this.line = parsed.getLine();
        this.column = parsed.getColumn();
        this.info = parsed.getInfo();
        for (int i = 0; i < parsed.jjtGetNumChildren(); i++) {
            Node child = parsed.jjtGetChild(i);
            jjtAddChild(child, i);
            child.jjtSetParent(this);
        }
    }

    @Override
    public Object value(InternalContextAdapter context) {
        Number left = DuckType.asNumber(jjtGetChild(0).value(context));
        Number right = DuckType.asNumber(jjtGetChild(1).value(context));
        if (left != null && right != null) {
            RenderBudget.current().checkElements(Math.abs((long) left.intValue() - right.intValue()) + 1);
        }
        return super.value(context);
    }

    /** Replaces every range under {@code node} with a bounded one. */
    static void replaceIn(Node node) {
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            Node child = node.jjtGetChild(i);
            if (child.getClass() == ASTIntegerRange.class) {
                BoundedIntegerRange bounded = new BoundedIntegerRange((ASTIntegerRange) child);
                ((SimpleNode) node).jjtAddChild(bounded, i);
                bounded.jjtSetParent(node);
                child = bounded;
            }
            replaceIn(child);
        }
    }
}
