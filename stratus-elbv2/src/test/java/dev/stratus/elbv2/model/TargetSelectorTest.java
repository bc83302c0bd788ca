package dev.stratus.elbv2.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final StickyCookies COOKIES = new StickyCookies(new byte[32]);
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/tg/0123456789abcdef";

  static TargetSelector.Candidate target(String id, boolean healthy) {
    return new TargetSelector.Candidate(id, "127.0.0." + id.substring(1), 8080, healthy, healthy ? NOW.minus(Duration.ofHours(1)) : null);
  }

  static TargetSelector.Settings settings(String algorithm) {
    return new TargetSelector.Settings(algorithm, Duration.ZERO, false, "lb_cookie", Duration.ofDays(1), "", Duration.ofDays(1), 1, null);
  }

  static TargetSelector selector() { return new TargetSelector(TG, COOKIES, new Random(7)); }

  @Test
  void roundRobin_cyclesHealthyTargetsOnly() {
    var s = selector();
    var targets = List.of(target("t1", true), target("t2", false), target("t3", true));
    var picked = new java.util.ArrayList<String>();
    for (int i = 0; i < 4; i++) picked.add(s.choose(settings("round_robin"), targets, Requests.get("/").view(), NOW, true).orElseThrow().target().id());
    assertThat(picked).containsExactly("t1", "t3", "t1", "t3");
  }

  @Test
  void allUnhealthy_failsOpenToEveryTarget_andNoTargetsIsEmpty() {
    var s = selector();
    var targets = List.of(target("t1", false), target("t2", false));
    var sel = s.choose(settings("round_robin"), targets, Requests.get("/").view(), NOW, true).orElseThrow();
    assertThat(sel.failOpen()).isTrue();
    assertThat(s.choose(settings("round_robin"), List.of(), Requests.get("/").view(), NOW, true)).isEmpty();
  }

  @Test
  void minimumHealthyCount_belowThreshold_failsOpen() {
    var s = selector();
    var st = new TargetSelector.Settings("round_robin", Duration.ZERO, false, "lb_cookie", Duration.ofDays(1), "", Duration.ofDays(1), 2, null);
    var targets = List.of(target("t1", true), target("t2", false));
    var seen = new java.util.HashSet<String>();
    for (int i = 0; i < 4; i++) seen.add(s.choose(st, targets, Requests.get("/").view(), NOW, true).orElseThrow().target().id());
    assertThat(seen).containsExactlyInAnyOrder("t1", "t2");
  }

  @Test
  void leastOutstandingRequests_prefersTheIdleTarget() {
    var s = selector();
    var t1 = target("t1", true);
    var t2 = target("t2", true);
    s.begin(t1);
    s.begin(t1);
    s.begin(t2);
    assertThat(s.choose(settings("least_outstanding_requests"), List.of(t1, t2), Requests.get("/").view(), NOW, true)
        .orElseThrow().target().id()).isEqualTo("t2");
    s.end(t1);
    s.end(t1);
    assertThat(s.choose(settings("least_outstanding_requests"), List.of(t1, t2), Requests.get("/").view(), NOW, true)
        .orElseThrow().target().id()).isEqualTo("t1");
  }

  @Test
  void weightedRandom_spreadsEvenly_withASeed() {
    var s = selector();
    var targets = List.of(target("t1", true), target("t2", true));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      counts.merge(s.choose(settings("weighted_random"), targets, Requests.get("/").view(), NOW, true).orElseThrow().target().id(), 1, Integer::sum);
    }
    assertThat(counts.get("t1")).isBetween(900, 1100);
  }

  @Test
  void slowStart_newlyHealthyTargetGetsARampedShare() {
    var s = selector();
    var st = new TargetSelector.Settings("round_robin", Duration.ofSeconds(100), false, "lb_cookie", Duration.ofDays(1), "", Duration.ofDays(1), 1, null);
    var old = target("t1", true);
    var fresh = new TargetSelector.Candidate("t2", "127.0.0.2", 8080, true, NOW.minusSeconds(10)); // 10% into its ramp
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 2200; i++) counts.merge(s.choose(st, List.of(old, fresh), Requests.get("/").view(), NOW, true).orElseThrow().target().id(), 1, Integer::sum);
    assertThat(counts.get("t2")).isBetween(120, 280); // ≈ 0.1 / 1.1 of 2200 = 200
    // past the ramp: equal round robin again
    var later = NOW.plusSeconds(200);
    var picks = new java.util.ArrayList<String>();
    for (int i = 0; i < 2; i++) picks.add(s.choose(st, List.of(old, fresh), Requests.get("/").view(), later, true).orElseThrow().target().id());
    assertThat(picks).containsExactlyInAnyOrder("t1", "t2");
  }

  @Test
  void lbCookie_keepsTheTarget_andIsIgnoredWhenForgedOrTargetUnhealthy() {
    var s = selector();
    var st = new TargetSelector.Settings("round_robin", Duration.ZERO, true, "lb_cookie", Duration.ofSeconds(3600), "", Duration.ofDays(1), 1, null);
    var targets = List.of(target("t1", true), target("t2", true));
    var first = s.choose(st, targets, Requests.get("/").view(), NOW, true).orElseThrow();
    assertThat(first.setCookies()).hasSize(2);
    assertThat(first.setCookies().get(0)).startsWith("AWSALB=").contains("Expires=Thu, 01 Jan 2026 01:00:00 GMT").doesNotContain("Max-Age");
    assertThat(first.setCookies().get(1)).startsWith("AWSALBCORS=").endsWith("SameSite=None; Secure");
    String value = first.setCookies().get(0).substring("AWSALB=".length(), first.setCookies().get(0).indexOf(';'));
    for (int i = 0; i < 5; i++) {
      assertThat(s.choose(st, targets, Requests.get("/").cookie("AWSALB", value).view(), NOW, true).orElseThrow().target().id())
          .isEqualTo(first.target().id());
    }
    var sickFirst = targets.stream().map(t -> t.id().equals(first.target().id()) ? target(t.id(), false) : t).toList();
    assertThat(s.choose(st, sickFirst, Requests.get("/").cookie("AWSALB", value).view(), NOW, true).orElseThrow().target().id())
        .isNotEqualTo(first.target().id());
    assertThat(s.choose(st, targets, Requests.get("/").cookie("AWSALB", "garbage").view(), NOW, true)).isPresent();
    // expired cookie: a new choice and a new cookie
    assertThat(COOKIES.open(value, NOW.plusSeconds(3601))).isEmpty();
  }

  @Test
  void appCookie_stickinessFollowsAWSALBAPP_whenTheAppCookieIsPresent() {
    var s = selector();
    var st = new TargetSelector.Settings("round_robin", Duration.ZERO, true, "app_cookie", Duration.ofDays(1), "SESSION", Duration.ofSeconds(600), 1, null);
    var t1 = target("t1", true);
    var t2 = target("t2", true);
    String set = s.appCookie(st, t2, List.of("SESSION=abc; Path=/"), NOW).orElseThrow();
    assertThat(set).startsWith("AWSALBAPP-0=");
    assertThat(s.appCookie(st, t2, List.of("OTHER=1"), NOW)).isEmpty();
    String value = set.substring("AWSALBAPP-0=".length(), set.indexOf(';'));
    for (int i = 0; i < 3; i++) {
      assertThat(s.choose(st, List.of(t1, t2), Requests.get("/").cookie("SESSION", "abc").cookie("AWSALBAPP-0", value).view(), NOW, true)
          .orElseThrow().target().id()).isEqualTo("t2");
    }
  }

  @Test
  void groupChoice_weightsAndGroupStickiness() {
    var fwd = new Action.Forward(List.of(new Action.WeightedTargetGroup("a", 80), new Action.WeightedTargetGroup("b", 20)), false, null);
    var random = new Random(42);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 5000; i++) counts.merge(GroupChoice.choose(fwd, Requests.get("/").view(), random, COOKIES, NOW).orElseThrow().targetGroupArn(), 1, Integer::sum);
    assertThat(counts.get("a")).isBetween(3800, 4200);
    var zero = new Action.Forward(List.of(new Action.WeightedTargetGroup("a", 0)), false, null);
    assertThat(GroupChoice.choose(zero, Requests.get("/").view(), random, COOKIES, NOW)).isEmpty();

    var sticky = new Action.Forward(fwd.targetGroups(), true, 300);
    var first = GroupChoice.choose(sticky, Requests.get("/").view(), random, COOKIES, NOW).orElseThrow();
    assertThat(first.setCookies()).hasSize(2).first().asString().startsWith("AWSALBTG=");
    assertThat(first.setCookies().get(1)).startsWith("AWSALBTGCORS=");
    String value = first.setCookies().get(0).substring("AWSALBTG=".length(), first.setCookies().get(0).indexOf(';'));
    for (int i = 0; i < 20; i++) {
      assertThat(GroupChoice.choose(sticky, Requests.get("/").cookie("AWSALBTG", value).view(), random, COOKIES, NOW)
          .orElseThrow().targetGroupArn()).isEqualTo(first.targetGroupArn());
    }
  }
}
