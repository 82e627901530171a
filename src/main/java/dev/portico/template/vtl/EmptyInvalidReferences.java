package dev.portico.template.vtl;

import org.apache.velocity.app.event.InvalidReferenceEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.util.introspection.Info;

/**
 * API Gateway gives every reference that resolves to nothing (undefined, JSON null, a missing property, a method
 * returning null or refused by the sandbox) the value "" wherever it is used: it renders empty, and it compares
 * equal both to "" and to another undefined reference such as {@code $null}.
 */
final class EmptyInvalidReferences implements InvalidReferenceEventHandler {
    @Override
    public Object invalidGetMethod(Context context, String reference, Object object, String property, Info info) {
        return "";
    }

    @Override
    public boolean invalidSetMethod(Context context, String leftreference, String rightreference, Info info) {
        return false;
    }

    @Override
    public Object invalidMethod(Context context, String reference, Object object, String method, Info info) {
        return "";
    }
}
