package dev.stratus.ec2.insights;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored Network Insights analysis (vpc.md §45). Its findings (path components, explanations)
 * are kept as the AWS CLI would print the SDK's {@code NetworkInsightsAnalysis} ({@link CliJson}),
 * so they read back exactly as they were computed, whatever the network has become since.
 *
 * @param id {@code nia-} + 17 hex digits
 * @param arn {@code arn:aws:ec2:<region>:<account>:network-insights-analysis/<id>}
 * @param pathId the analysed path
 * @param startDate when StartNetworkInsightsAnalysis was called
 * @param status {@code running}, {@code succeeded} or {@code failed}
 * @param statusMessage why it failed, or null
 * @param networkPathFound the verdict, or null while running or when failed
 * @param findings the result members as CLI JSON (ForwardPathComponents, ReturnPathComponents,
 *     Explanations, WarningMessage), or null
 * @param tags the analysis's tags
 */
public record NetworkInsightsAnalysis(String id, String arn, String pathId, Instant startDate, String status,
    String statusMessage, Boolean networkPathFound, String findings, Map<String, String> tags) {
  public NetworkInsightsAnalysis {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(pathId, "pathId");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(status, "status");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The finished analysis. */
  NetworkInsightsAnalysis completed(String newStatus, String message, Boolean found, String json) {
    return new NetworkInsightsAnalysis(id, arn, pathId, startDate, newStatus, message, found, json, tags);
  }
}
