package dev.stratus.route53;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.route53.model.ChangeBatchValidator;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.Route53Tables;
import software.amazon.awssdk.services.route53.model.AccountLimit;
import software.amazon.awssdk.services.route53.model.GetAccountLimitRequest;
import software.amazon.awssdk.services.route53.model.GetAccountLimitResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneLimitRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneLimitResponse;
import software.amazon.awssdk.services.route53.model.HostedZoneLimit;

/** GetAccountLimit and GetHostedZoneLimit: Route 53's default quotas and current use (route53.md §15, §41–42). */
public final class LimitOperations {
  /** Most traffic policies per account (AWS default; Stratus has none). */
  public static final long MAX_TRAFFIC_POLICIES = 50;
  /** Most traffic policy instances per account (AWS default; Stratus has none). */
  public static final long MAX_TRAFFIC_POLICY_INSTANCES = 5;

  private final Route53State state;

  LimitOperations(Route53State state) { this.state = state; }

  public GetAccountLimitResponse getAccountLimit(RequestContext ctx, GetAccountLimitRequest req) {
    String account = ctx.globalScope();
    String type = String.valueOf(req.typeAsString());
    long[] limitAndCount = switch (type) {
      case "MAX_HEALTH_CHECKS_BY_OWNER" -> new long[] {HealthCheckOperations.MAX_PER_ACCOUNT,
          state.store.list(Route53Tables.HEALTH_CHECKS, account).size()};
      case "MAX_HOSTED_ZONES_BY_OWNER" -> new long[] {HostedZoneOperations.MAX_ZONES_PER_ACCOUNT,
          state.store.list(Route53Tables.HOSTED_ZONES, account).size()};
      case "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER" -> new long[] {DelegationSetOperations.MAX_PER_ACCOUNT,
          state.store.list(Route53Tables.DELEGATION_SETS, account).size()};
      case "MAX_TRAFFIC_POLICIES_BY_OWNER" -> new long[] {MAX_TRAFFIC_POLICIES, 0};
      case "MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER" -> new long[] {MAX_TRAFFIC_POLICY_INSTANCES, 0};
      default -> throw Route53Errors.constraint(type, "type", "Member must satisfy enum value set: [MAX_HEALTH_CHECKS_BY_OWNER,"
          + " MAX_HOSTED_ZONES_BY_OWNER, MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER, MAX_REUSABLE_DELEGATION_SETS_BY_OWNER,"
          + " MAX_TRAFFIC_POLICIES_BY_OWNER]");
    };
    return GetAccountLimitResponse.builder()
        .limit(AccountLimit.builder().type(type).value(limitAndCount[0]).build()).count(limitAndCount[1]).build();
  }

  public GetHostedZoneLimitResponse getHostedZoneLimit(RequestContext ctx, GetHostedZoneLimitRequest req) {
    var zone = Route53State.zone(state.store, ctx.globalScope(), req.hostedZoneId());
    String type = String.valueOf(req.typeAsString());
    long[] limitAndCount = switch (type) {
      case "MAX_RRSETS_BY_ZONE" -> new long[] {ChangeBatchValidator.MAX_RECORDS_PER_ZONE, state.recordCount(state.store, zone.id())};
      case "MAX_VPCS_ASSOCIATED_BY_ZONE" -> {
        if (!zone.privateZone()) {
          throw new AwsException("HostedZoneNotPrivate", 400, "The specified hosted zone is a public hosted zone, not a private hosted zone.");
        }
        yield new long[] {HostedZone.MAX_VPCS, zone.vpcs().size()};
      }
      default -> throw Route53Errors.constraint(type, "type",
          "Member must satisfy enum value set: [MAX_RRSETS_BY_ZONE, MAX_VPCS_ASSOCIATED_BY_ZONE]");
    };
    return GetHostedZoneLimitResponse.builder()
        .limit(HostedZoneLimit.builder().type(type).value(limitAndCount[0]).build()).count(limitAndCount[1]).build();
  }
}
