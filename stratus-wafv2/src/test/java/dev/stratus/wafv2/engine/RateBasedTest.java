package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.testing.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.FallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatement;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatementAggregateKeyType;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * Rate-based rules on a moved clock. AWS re-evaluates rates about every 10 s (wafv2.md §9):
 * Stratus decides at each 10-second boundary from the requests of the trailing window, so
 * blocking starts at the first boundary after the limit is crossed, never at the crossing request.
 */
class RateBasedTest {
  // 04:00:00 is a 10-second boundary
  private final ManualTime time = new ManualTime(Instant.parse("2026-12-07T04:00:00Z"));
  private WafEngine engine;

  @BeforeEach
  void setUp() { engine = new WafEngine(time.clock(), IpIntel.none()); }

  private static WebACL rateAcl(Consumer<RateBasedStatement.Builder> config) {
    Statement s = Statement.builder().rateBasedStatement(r -> {
      r.limit(10L).evaluationWindowSec(60L).aggregateKeyType(RateBasedStatementAggregateKeyType.IP);
      config.accept(r);
    }).build();
    return acl(rule("rate", 0, s, block()));
  }

  private WafAction send(CompiledWebAcl acl, WafTestSupport.Req req) {
    return acl.evaluate(req.view(), InspectionLimits.ALB).action();
  }

  @Test
  void blockingStartsAtTheNextTenSecondBoundaryAfterCrossingTheLimit() {
    CompiledWebAcl acl = engine.compile(rateAcl(r -> { }), WafLookups.none());
    time.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 11; i++) assertThat(send(acl, get("/"))).as("request %d", i + 1).isEqualTo(WafAction.ALLOW);
    time.advance(Duration.ofSeconds(8)); // 04:00:09 — still the same tick: the 12th request passes too
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.ALLOW);
    time.advance(Duration.ofSeconds(1)); // 04:00:10 — re-evaluated: 12 > 10
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.BLOCK);
    assertThat(send(acl, get("/").client("198.51.100.1"))).isEqualTo(WafAction.ALLOW); // another IP
    assertThat(acl.rateBasedManagedKeys(Optional.empty(), "rate")).containsExactly("203.0.113.7/32");
    // the window is 60 s: the requests of 04:00:01–04:00:10 leave it at 04:01:10 or so
    time.advance(Duration.ofSeconds(50)); // 04:01:00: window [04:00:00, 04:01:00) still holds 13
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.BLOCK);
    time.advance(Duration.ofSeconds(20)); // 04:01:20: window [04:00:20, 04:01:20) holds 1
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.ALLOW);
    assertThat(acl.rateBasedManagedKeys(Optional.empty(), "rate")).isEmpty();
  }

  @Test
  void exactlyTheLimitIsNotOverIt() {
    CompiledWebAcl acl = engine.compile(rateAcl(r -> { }), WafLookups.none());
    for (int i = 0; i < 10; i++) send(acl, get("/"));
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void windowsOf120300And600Seconds() {
    for (long window : new long[] {120, 300, 600}) {
      WafEngine e = new WafEngine(time.clock(), IpIntel.none());
      CompiledWebAcl acl = e.compile(rateAcl(r -> r.evaluationWindowSec(window)), WafLookups.none());
      for (int i = 0; i < 11; i++) send(acl, get("/"));
      time.advance(Duration.ofSeconds(window - 10));
      assertThat(send(acl, get("/"))).as("window %d, inside", window).isEqualTo(WafAction.BLOCK);
      time.advance(Duration.ofSeconds(20));
      assertThat(send(acl, get("/"))).as("window %d, after", window).isEqualTo(WafAction.ALLOW);
    }
    assertThatThrownBy(() -> engine.compile(rateAcl(r -> r.evaluationWindowSec(30L)), WafLookups.none()))
        .isInstanceOf(WafCompileException.class);
  }

  @Test
  void scopeDownOnlyCountsAndActsOnMatchingRequests() {
    Statement scope = byteMatch(uriPath(), "/login", PositionalConstraint.STARTS_WITH);
    CompiledWebAcl acl = engine.compile(rateAcl(r -> r.scopeDownStatement(scope)), WafLookups.none());
    for (int i = 0; i < 50; i++) send(acl, get("/home"));
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/login"))).isEqualTo(WafAction.ALLOW);
    for (int i = 0; i < 11; i++) send(acl, get("/login"));
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/login"))).isEqualTo(WafAction.BLOCK);
    assertThat(send(acl, get("/home"))).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void forwardedIpAggregation() {
    CompiledWebAcl acl = engine.compile(rateAcl(r -> r.aggregateKeyType(RateBasedStatementAggregateKeyType.FORWARDED_IP)
        .forwardedIPConfig(f -> f.headerName("X-Forwarded-For").fallbackBehavior(FallbackBehavior.NO_MATCH))), WafLookups.none());
    for (int i = 0; i < 11; i++) send(acl, get("/").header("x-forwarded-for", "192.0.2.9, 10.0.0.1").client("10.1.1." + i));
    for (int i = 0; i < 30; i++) send(acl, get("/")); // no header: not counted
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/").header("x-forwarded-for", "192.0.2.9"))).isEqualTo(WafAction.BLOCK);
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.ALLOW);
    assertThat(acl.rateBasedManagedKeys(Optional.empty(), "rate")).containsExactly("192.0.2.9/32");
    // an invalid address in the header: the fallback decides, nothing is counted
    assertThat(send(acl, get("/").header("x-forwarded-for", "unknown"))).isEqualTo(WafAction.ALLOW);
    CompiledWebAcl matching = engine.compile(rateAcl(r -> r.aggregateKeyType(RateBasedStatementAggregateKeyType.FORWARDED_IP)
        .forwardedIPConfig(f -> f.headerName("X-Forwarded-For").fallbackBehavior(FallbackBehavior.MATCH))), WafLookups.none());
    assertThat(send(matching, get("/").header("x-forwarded-for", "unknown"))).isEqualTo(WafAction.BLOCK);
  }

  @Test
  void customKeysAggregateOnEveryComponentAndSkipRequestsMissingOne() {
    CompiledWebAcl acl = engine.compile(rateAcl(r -> r.aggregateKeyType(RateBasedStatementAggregateKeyType.CUSTOM_KEYS)
        .customKeys(k -> k.header(h -> h.name("x-api-key").textTransformations(tts())),
            k -> k.httpMethod(m -> { }), k -> k.queryArgument(q -> q.name("tenant").textTransformations(tts())))), WafLookups.none());
    for (int i = 0; i < 11; i++) send(acl, get("/?tenant=a").header("x-api-key", "k1"));
    for (int i = 0; i < 11; i++) send(acl, get("/").header("x-api-key", "k1")); // no tenant: not counted
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/?tenant=a").header("x-api-key", "k1"))).isEqualTo(WafAction.BLOCK);
    assertThat(send(acl, get("/?tenant=a").header("x-api-key", "k1").method("POST"))).isEqualTo(WafAction.ALLOW);
    assertThat(send(acl, get("/?tenant=b").header("x-api-key", "k1"))).isEqualTo(WafAction.ALLOW);
    assertThat(send(acl, get("/").header("x-api-key", "k1"))).isEqualTo(WafAction.ALLOW);
    assertThatThrownBy(() -> engine.compile(rateAcl(r -> r.aggregateKeyType(RateBasedStatementAggregateKeyType.CUSTOM_KEYS)
        .customKeys(k -> k.httpMethod(m -> { }), k -> k.httpMethod(m -> { }), k -> k.httpMethod(m -> { }),
            k -> k.httpMethod(m -> { }), k -> k.httpMethod(m -> { }), k -> k.httpMethod(m -> { }))), WafLookups.none()))
        .isInstanceOf(WafCompileException.class);
  }

  @Test
  void concurrentRequestsAreAllCounted() throws Exception {
    CompiledWebAcl acl = engine.compile(rateAcl(r -> r.limit(39_999L)), WafLookups.none());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int t = 0; t < 4; t++) futures.add(pool.submit(() -> { for (int i = 0; i < 10_000; i++) send(acl, get("/")); }));
      for (var f : futures) f.get();
    } finally {
      pool.shutdown();
    }
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/"))).isEqualTo(WafAction.BLOCK); // 40,000 > 39,999: not one request lost
  }

  @Test
  void constantAggregationCountsEveryone() {
    CompiledWebAcl acl = engine.compile(rateAcl(r -> r.aggregateKeyType(RateBasedStatementAggregateKeyType.CONSTANT)), WafLookups.none());
    for (int i = 0; i < 11; i++) send(acl, get("/").client("192.0.2." + i));
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/").client("198.51.100.200"))).isEqualTo(WafAction.BLOCK);
  }

  @Test
  void countsSurviveARecompileAndResetWhenTheRuleChanges() {
    WebACL original = rateAcl(r -> { });
    CompiledWebAcl acl = engine.compile(original, WafLookups.none());
    for (int i = 0; i < 11; i++) send(acl, get("/"));
    time.advance(Duration.ofSeconds(10));
    // an unrelated change (another rule added) keeps the counts
    WebACL withAnother = original.toBuilder().rules(original.rules().getFirst(),
        rule("other", 1, byteMatch(uriPath(), "/nothing", PositionalConstraint.EXACTLY), block())).build();
    assertThat(send(engine.compile(withAnother, WafLookups.none()), get("/"))).isEqualTo(WafAction.BLOCK);
    // a changed limit resets them
    CompiledWebAcl changed = engine.compile(rateAcl(r -> r.limit(11L)), WafLookups.none());
    assertThat(send(changed, get("/"))).isEqualTo(WafAction.ALLOW);
    time.advance(Duration.ofSeconds(10));
    assertThat(send(changed, get("/"))).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void rateRuleInsideARuleGroupHasReadableKeys() {
    var lookups = new WafTestSupport.Lookups();
    String arn = "arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/g/1";
    Statement s = Statement.builder().rateBasedStatement(r -> r.limit(10L).evaluationWindowSec(60L)
        .aggregateKeyType(RateBasedStatementAggregateKeyType.IP)).build();
    lookups.groups.put(arn, software.amazon.awssdk.services.wafv2.model.RuleGroup.builder().name("g").arn(arn)
        .rules(rule("inner-rate", 0, s, block())).build());
    var ref = software.amazon.awssdk.services.wafv2.model.Rule.builder().name("grp").priority(0)
        .statement(x -> x.ruleGroupReferenceStatement(g -> g.arn(arn))).overrideAction(o -> o.none(n -> { }))
        .visibilityConfig(v -> v.metricName("grp").cloudWatchMetricsEnabled(false).sampledRequestsEnabled(false)).build();
    CompiledWebAcl acl = engine.compile(acl(ref), lookups);
    for (int i = 0; i < 11; i++) send(acl, get("/").client("2001:db8::5"));
    time.advance(Duration.ofSeconds(10));
    assertThat(send(acl, get("/").client("2001:db8::5"))).isEqualTo(WafAction.BLOCK);
    assertThat(acl.rateBasedManagedKeys(Optional.of("grp"), "inner-rate")).containsExactly("2001:db8::5/128");
  }
}
