package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A usage plan: which API stages its keys may call, at what rate (token bucket) and how often per
 * period (quota), apigateway.md §13. Its keys are in {@code keyIds}.
 */
public record UsagePlan(String id, String name, String description, List<ApiStage> apiStages, Throttle throttle,
    Quota quota, List<String> keyIds) {
  public static final Table<UsagePlan> TABLE = Table.of("apigateway.usage_plan", UsagePlan.class);

  public UsagePlan {
    Objects.requireNonNull(id, "id");
    apiStages = apiStages == null ? List.of() : List.copyOf(apiStages);
    keyIds = keyIds == null ? List.of() : List.copyOf(keyIds);
  }

  public UsagePlan withKeys(List<String> newKeys) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, newKeys);
  }

  /** One stage the plan covers, with per-method throttles keyed {@code <resource path>/<METHOD>}. */
  public record ApiStage(String apiId, String stage, Map<String, Throttle> throttle) {
    public ApiStage {
      Objects.requireNonNull(apiId, "apiId");
      Objects.requireNonNull(stage, "stage");
      throttle = RestApi.copy(throttle);
    }
  }

  /** A token bucket: {@code rateLimit} tokens per second, at most {@code burstLimit} saved. */
  public record Throttle(double rateLimit, int burstLimit) {}

  /** At most {@code limit} requests per period, the period starting {@code offset} days/weeks into it. */
  public record Quota(int limit, int offset, QuotaPeriod period) {
    public Quota {
      Objects.requireNonNull(period, "period");
    }
  }
}
