package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.dataplane.AclEngine;
import dev.stratus.wafv2.dataplane.WafDataPlane;
import dev.stratus.wafv2.dataplane.WafStats;
import dev.stratus.wafv2.model.WafEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * What the data plane saw, read back through the API (ARCHITECTURE rule 2): GetSampledRequests
 * and GetRateBasedStatementManagedKeys.
 */
public final class TrafficOperations {
  /** GetSampledRequests: MaxItems 1–500, a window within the last 3 hours (wafv2.md §16). */
  static final long MAX_ITEMS = 500;
  static final Duration MAX_AGE = Duration.ofHours(3);

  private final Store store;
  private final Supplier<WafDataPlane> plane;
  private final java.time.Clock clock;

  public TrafficOperations(Store store, Supplier<WafDataPlane> plane, java.time.Clock clock) {
    this.store = store;
    this.plane = plane;
    this.clock = clock;
  }

  public GetSampledRequestsResponse getSampledRequests(RequestContext ctx, GetSampledRequestsRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    WafEntity entity = WafEntity.byArn(store, req.webAclArn()).orElseThrow(WafErrors::nonexistentItem);
    WebACL acl = WebAclOperations.webAcl(entity);
    if (req.maxItems() == null || req.maxItems() < 1 || req.maxItems() > MAX_ITEMS) {
      throw WafErrors.invalidParameter("MAX_ITEMS", String.valueOf(req.maxItems()));
    }
    TimeWindow window = req.timeWindow();
    Instant now = clock.instant();
    if (window == null || window.startTime() == null || window.endTime() == null
        || !window.startTime().isBefore(window.endTime())) {
      throw WafErrors.invalidParameter("TIME_WINDOW", String.valueOf(window));
    }
    // AWS moves a start older than 3 hours to 3 hours ago and says so in the answered window.
    Instant start = window.startTime().isBefore(now.minus(MAX_AGE)) ? now.minus(MAX_AGE) : window.startTime();
    String metric = req.ruleMetricName();
    Optional<String> rule = acl.rules().stream().filter(r -> r.visibilityConfig() != null
        && r.visibilityConfig().metricName().equals(metric)).map(Rule::name).findFirst();
    boolean all = metric.equals("ALL") || (acl.visibilityConfig() != null && metric.equals(acl.visibilityConfig().metricName()));
    if (!all && rule.isEmpty() && !metric.equals(AclEngine.Decision.DEFAULT_ACTION)) throw WafErrors.nonexistentItem();

    List<WafStats.Sample> matching = plane.get() == null ? List.of()
        : plane.get().stats(acl.arn()).samples(start, window.endTime()).stream().filter(s -> all
            || (rule.isEmpty() ? s.decision().terminatingRule().equals(AclEngine.Decision.DEFAULT_ACTION)
                : s.decision().terminatingRule().equals(rule.get())
                    || s.decision().matches().stream().anyMatch(m -> m.webAclRule().equals(rule.get()))))
            .toList();
    long population = matching.size();
    List<WafStats.Sample> picked = new ArrayList<>(matching);
    if (picked.size() > req.maxItems()) {
      java.util.Collections.shuffle(picked, new Random(now.toEpochMilli()));
      picked = picked.subList(0, req.maxItems().intValue());
      picked.sort(java.util.Comparator.comparing(WafStats.Sample::timestamp));
    }
    return GetSampledRequestsResponse.builder()
        .sampledRequests(picked.stream().map(s -> sample(s, rule)).toList())
        .populationSize(population)
        .timeWindow(TimeWindow.builder().startTime(start).endTime(window.endTime()).build())
        .build();
  }

  private static SampledHTTPRequest sample(WafStats.Sample s, Optional<String> rule) {
    var d = s.decision();
    var headers = s.headers().stream().map(h -> HTTPHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList();
    var b = SampledHTTPRequest.builder()
        .request(HTTPRequest.builder().clientIP(s.clientIp()).country("-").uri(path(s.uri())).method(s.method())
            .httpVersion(s.httpVersion()).headers(headers).build())
        .weight(1L).timestamp(s.timestamp()).action(d.action())
        .labels(d.labels().stream().map(l -> Label.builder().name(l).build()).toList());
    // A rule that only counted this request is shown with its own (COUNT) action.
    var counted = rule.flatMap(r -> d.matches().stream().filter(m -> m.webAclRule().equals(r)
        && m.action().equals("COUNT")).findFirst());
    if (counted.isPresent() && !d.terminatingRule().equals(rule.get())) {
      b.action("COUNT");
      counted.get().ruleWithinGroup().ifPresent(b::ruleNameWithinRuleGroup);
      counted.get().overriddenAction().ifPresent(b::overriddenAction);
    } else {
      d.ruleWithinGroup().ifPresent(b::ruleNameWithinRuleGroup);
    }
    d.response().ifPresent(r -> b.responseCodeSent(r.status()));
    if (!d.insertedHeaders().isEmpty()) {
      b.requestHeadersInserted(d.insertedHeaders().entrySet().stream()
          .map(e -> HTTPHeader.builder().name(e.getKey()).value(e.getValue()).build()).toList());
    }
    return b.build();
  }

  private static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  public GetRateBasedStatementManagedKeysResponse getRateBasedStatementManagedKeys(RequestContext ctx,
      GetRateBasedStatementManagedKeysRequest req) {
    var scope = Resources.scope(ctx, req.scopeAsString());
    WafEntity entity = Resources.find(store, Resources.storeScope(ctx, scope), Resources.Kind.WEB_ACL,
        req.webACLName(), req.webACLId());
    WebACL acl = WebAclOperations.webAcl(entity);
    boolean known = req.ruleGroupRuleName() != null
        ? acl.rules().stream().anyMatch(r -> r.name().equals(req.ruleGroupRuleName()))
        : acl.rules().stream().anyMatch(r -> r.name().equals(req.ruleName()) && r.statement() != null
            && r.statement().rateBasedStatement() != null);
    if (!known) throw WafErrors.nonexistentItem();
    List<String> keys = plane.get() == null ? List.of() : plane.get().compiled(entity.arn())
        .map(c -> c.rateBasedManagedKeys(Optional.ofNullable(req.ruleGroupRuleName()), req.ruleName()))
        .orElse(List.of());
    List<String> v4 = keys.stream().filter(k -> k.contains(".") && k.contains("/")).toList();
    List<String> v6 = keys.stream().filter(k -> k.contains(":") && k.contains("/")).toList();
    return GetRateBasedStatementManagedKeysResponse.builder()
        .managedKeysIPV4(RateBasedStatementManagedKeysIPSet.builder().ipAddressVersion(IPAddressVersion.IPV4).addresses(v4).build())
        .managedKeysIPV6(RateBasedStatementManagedKeysIPSet.builder().ipAddressVersion(IPAddressVersion.IPV6).addresses(v6).build())
        .build();
  }
}
