package dev.portico.apikey;

import java.util.List;
import java.util.Map;

/**
 * A usage plan, as API Gateway's {@code UsagePlan}: its throttle and quota (either may be absent) and the API
 * stages it covers, each with per-method throttle overrides keyed {@code /{resource}/{method}}
 * ({@code /pets/{id}/GET}).
 */
public record UsagePlan(String id, String name, Throttle throttle, Quota quota, List<ApiStage> apiStages) {

    /** One API stage the plan covers, with its method overrides. */
    public record ApiStage(String apiId, String stage, Map<String, Throttle> throttle) {}

    /** The plan's entry for the API stage, or null when it does not cover it. */
    public ApiStage stage(String apiId, String stage) {
        for (ApiStage apiStage : apiStages) {
            if (apiStage.apiId().equals(apiId) && apiStage.stage().equals(stage)) {
                return apiStage;
            }
        }
        return null;
    }
}
