package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A VPC link: v1 ({@code targetArns}: one Network Load Balancer) or v2 ({@code subnetIds} and
 * {@code securityGroupIds}; its integrations name an ALB or NLB listener ARN). PENDING until
 * {@link #SETTLE} has passed on the clock, then AVAILABLE (AWS takes minutes; Stratus seconds).
 *
 * @param version {@code V1} or {@code V2}
 */
public record VpcLink(String id, String accountId, String region, String version, String name, String description,
    List<String> targetArns, List<String> subnetIds, List<String> securityGroupIds, Instant createdDate) {
  public static final Table<VpcLink> TABLE = Table.of("apigateway.vpc_link", VpcLink.class);
  /** How long a new link stays PENDING. */
  public static final Duration SETTLE = Duration.ofSeconds(5);

  public VpcLink {
    Objects.requireNonNull(id, "id");
    targetArns = targetArns == null ? List.of() : List.copyOf(targetArns);
    subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }

  /** {@code PENDING} or {@code AVAILABLE} at {@code now}. */
  public String status(Instant now) { return now.isBefore(createdDate.plus(SETTLE)) ? "PENDING" : "AVAILABLE"; }
}
