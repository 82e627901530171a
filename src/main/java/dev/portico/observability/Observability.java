package dev.portico.observability;

import java.util.function.Consumer;

/**
 * What the gateway tells operators about each request: an access log line ({@link AccessLogFormat}), metrics
 * ({@link EmfMetrics}) and X-Ray subsegments ({@link XRayTracer}), each off unless configured. Lines go to one
 * sink, the function's standard output in Lambda, which Lambda sends to CloudWatch Logs, one log event per line.
 */
public final class Observability {
    private static final Observability OFF = new Observability(null, null, null, line -> {});

    private final AccessLogFormat accessLog;
    private final EmfMetrics metrics;
    private final XRayTracer tracer;
    private final Consumer<String> out;

    /**
     * @param accessLog the access log format, or null for none
     * @param metrics   the metrics batch, or null for none
     * @param tracer    the X-Ray tracer, or null for none
     * @param out       where access log lines go (the metrics have their own sink)
     */
    public Observability(AccessLogFormat accessLog, EmfMetrics metrics, XRayTracer tracer, Consumer<String> out) {
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.tracer = tracer;
        this.out = out;
    }

    /** Nothing logged, measured or traced. */
    public static Observability off() {
        return OFF;
    }

    /** Whether anything is to be written per request. */
    public boolean records() {
        return accessLog != null || metrics != null;
    }

    /** The tracer, or null when tracing is off. */
    public XRayTracer tracer() {
        return tracer;
    }

    public AccessLogFormat accessLog() {
        return accessLog;
    }

    /** Writes the request's access log line and adds it to the metrics batch. Never throws. */
    public void answered(Exchange exchange) {
        if (accessLog != null) {
            out.accept(accessLog.render(name -> AccessLogValues.value(name, exchange)));
        }
        if (metrics != null) {
            metrics.record(exchange);
        }
    }

    /** The end of one invocation (one event): the metrics batch is written. */
    public void invocationDone() {
        if (metrics != null) {
            metrics.flush();
        }
    }
}
