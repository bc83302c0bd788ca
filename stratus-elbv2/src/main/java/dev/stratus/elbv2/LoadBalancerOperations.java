package dev.stratus.elbv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * The ELBv2 read operations over load balancers, target groups and listeners. Describing by
 * name or ARN fails as AWS does when any one named resource does not exist.
 */
public final class LoadBalancerOperations {
  /** Default and maximum PageSize of the Describe calls (API reference: 1–400). */
  private static final int MAX_PAGE_SIZE = 400;
  private static final Pattern LOAD_BALANCER_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(app|net|gwy)/[^/]+/[0-9a-f]+");
  private static final Pattern TARGET_GROUP_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[^/]+/[0-9a-f]+");
  private static final Pattern LISTENER_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener/(app|net|gwy)/[^/]+/[0-9a-f]+/[0-9a-f]+");

  private final Store store;

  public LoadBalancerOperations(Store store) { this.store = store; }

  public DescribeLoadBalancersResponse describeLoadBalancers(RequestContext ctx, DescribeLoadBalancersRequest req) {
    req.loadBalancerArns().forEach(arn -> requireArn(LOAD_BALANCER_ARN, "load balancer", arn));
    var all = store.list(LoadBalancer.TABLE, ctx.regionalScope());
    var chosen = selectAll(all, req.loadBalancerArns(), LoadBalancer::arn, req.names(), LoadBalancer::name);
    if (chosen == null) throw Elbv2Errors.loadBalancerNotFound();
    var page = Pagination.page(chosen, LoadBalancer::arn, req.marker(), pageSize(req.pageSize()), m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeLoadBalancersResponse.builder()
        .loadBalancers(page.items().stream().map(Elbv2Shapes::toSdk).toList())
        .nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public DescribeTargetGroupsResponse describeTargetGroups(RequestContext ctx, DescribeTargetGroupsRequest req) {
    req.targetGroupArns().forEach(arn -> requireArn(TARGET_GROUP_ARN, "target group", arn));
    var scope = ctx.regionalScope();
    if (req.loadBalancerArn() != null) {
      requireArn(LOAD_BALANCER_ARN, "load balancer", req.loadBalancerArn());
      store.get(LoadBalancer.TABLE, scope, req.loadBalancerArn()).orElseThrow(Elbv2Errors::loadBalancerNotFound);
    }
    Predicate<TargetGroup> ofBalancer = tg -> req.loadBalancerArn() == null || tg.loadBalancerArns().contains(req.loadBalancerArn());
    var all = store.list(TargetGroup.TABLE, scope).stream().filter(ofBalancer).toList();
    var chosen = selectAll(all, req.targetGroupArns(), TargetGroup::arn, req.names(), TargetGroup::name);
    if (chosen == null) throw Elbv2Errors.targetGroupNotFound();
    var page = Pagination.page(chosen, TargetGroup::arn, req.marker(), pageSize(req.pageSize()), m -> Elbv2Errors.validation("Invalid marker"));
    return DescribeTargetGroupsResponse.builder()
        .targetGroups(page.items().stream().map(Elbv2Shapes::toSdk).toList())
        .nextMarker(page.nextMarker().orElse(null))
        .build();
  }

  public DescribeListenersResponse describeListeners(RequestContext ctx, DescribeListenersRequest req) {
    if (req.loadBalancerArn() == null && req.listenerArns().isEmpty()) {
      throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
    }
    if (req.loadBalancerArn() != null) {
      requireArn(LOAD_BALANCER_ARN, "load balancer", req.loadBalancerArn());
      store.get(LoadBalancer.TABLE, ctx.regionalScope(), req.loadBalancerArn()).orElseThrow(Elbv2Errors::loadBalancerNotFound);
      return DescribeListenersResponse.builder().listeners(List.of()).build();
    }
    req.listenerArns().forEach(arn -> requireArn(LISTENER_ARN, "listener", arn));
    throw Elbv2Errors.listenerNotFound();
  }

  public DescribeTargetHealthResponse describeTargetHealth(RequestContext ctx, DescribeTargetHealthRequest req) {
    requireArn(TARGET_GROUP_ARN, "target group", req.targetGroupArn());
    store.get(TargetGroup.TABLE, ctx.regionalScope(), req.targetGroupArn()).orElseThrow(Elbv2Errors::targetGroupNotFound);
    return DescribeTargetHealthResponse.builder().targetHealthDescriptions(List.of()).build();
  }

  private static int pageSize(Integer requested) {
    if (requested == null) return MAX_PAGE_SIZE;
    if (requested < 1 || requested > MAX_PAGE_SIZE) {
      throw Elbv2Errors.validation("1 validation error detected: Value '" + requested
          + "' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400");
    }
    return requested;
  }

  private static void requireArn(Pattern pattern, String kind, String arn) {
    if (!pattern.matcher(arn).matches()) throw Elbv2Errors.invalidArn(kind, arn);
  }

  /**
   * The items named by ARN or by name, or every item when neither is given; null when a named
   * item does not exist (AWS refuses the whole call then).
   */
  private static <T> List<T> selectAll(List<T> all, Collection<String> arns, java.util.function.Function<T, String> arnOf,
      Collection<String> names, java.util.function.Function<T, String> nameOf) {
    if (!arns.isEmpty() && !names.isEmpty()) {
      throw Elbv2Errors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
    }
    var wanted = !arns.isEmpty() ? arns : names;
    var key = !arns.isEmpty() ? arnOf : nameOf;
    if (wanted.isEmpty()) return all;
    var found = all.stream().filter(t -> wanted.contains(key.apply(t))).toList();
    return found.size() == wanted.stream().distinct().count() ? found : null;
  }
}
