package dev.portico.conformance;

import java.util.List;

/** The input formats a case is run through; one case x one format is a "run". */
public enum EventFormat {
    ALB("alb"),
    ALB_MULTI_VALUE("alb-mv"),
    REST_V1("v1"),
    HTTP_V2("v2");

    private final String label;

    EventFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isAlb() {
        return this == ALB || this == ALB_MULTI_VALUE;
    }

    /** The formats a request is run through: all four, unless the case names one (e.g. an ALB-only case). */
    public static List<EventFormat> forRequest(CaseFile.CaseRequest request) {
        if ("alb".equals(request.eventFormat())) {
            return List.of(request.multiValueHeaders() ? ALB_MULTI_VALUE : ALB);
        }
        if ("v1".equals(request.eventFormat())) {
            return List.of(REST_V1);
        }
        if ("v2".equals(request.eventFormat())) {
            return List.of(HTTP_V2);
        }
        return List.of(values());
    }
}
