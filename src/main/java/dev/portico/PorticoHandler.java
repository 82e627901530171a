package dev.portico;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.portico.gateway.Portico;
import dev.portico.invocation.Invocation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jboss.logging.Logger;

/**
 * The Lambda entry point behind Quarkus's {@code QuarkusStreamHandler}: raw event bytes in, the caller's
 * answer bytes out, so that no generic JSON binding stands between the event and the gateway. One instance: the
 * runtime looks the handler up for every event, and a handler of the default scope would be made anew each time.
 */
@Singleton
public class PorticoHandler implements RequestStreamHandler {
    private static final Logger LOG = Logger.getLogger(PorticoHandler.class);

    @Inject
    Portico portico;

    /**
     * {@link Portico#handle} answers every {@code Throwable} of a request itself; should an {@code Error} still come
     * through here (reading the event, say), it leaves as an exception: the runtime reports that invocation's error
     * and polls for the next event, where an {@code Error} would end its polling thread and the function with it.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            long remaining = context == null ? Invocation.NO_DEADLINE : context.getRemainingTimeInMillis();
            output.write(portico.handle(input.readAllBytes(), remaining, lambdaTrace()));
        } catch (Error e) {
            LOG.error("invocation failed outside the gateway", e);
            throw new IllegalStateException("invocation failed: " + e, e);
        }
    }

    /**
     * The invocation's X-Ray trace header: the runtime sets the system property {@code com.amazonaws.xray.traceHeader}
     * for each invocation (the Java runtime cannot change {@code _X_AMZN_TRACE_ID} once the process runs), else
     * {@code _X_AMZN_TRACE_ID}.
     */
    static String lambdaTrace() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader");
        return header != null && !header.isBlank() ? header : ENVIRONMENT_TRACE;
    }

    /** The process's environment cannot change once it runs: read once. */
    private static final String ENVIRONMENT_TRACE = System.getenv("_X_AMZN_TRACE_ID");
}
