package dev.portico.event;

/** Who invoked the function, which decides the shape of the answer (see FORMAT rules in the event package). */
public enum CallerFormat {
    /** ALB target group, multi-value headers off: single-value {@code headers}. */
    ALB,
    /** ALB target group, multi-value headers on: {@code multiValueHeaders} only. */
    ALB_MULTI_VALUE,
    /** API Gateway REST API proxy event (payload 1.0). */
    REST_V1,
    /** HTTP API with payload format 1.0: REST's shape, HTTP API's error bodies. */
    HTTP_API_V1,
    /** HTTP API payload 2.0 and Lambda Function URLs. */
    HTTP_API_V2;

    public boolean isAlb() {
        return this == ALB || this == ALB_MULTI_VALUE;
    }
}
