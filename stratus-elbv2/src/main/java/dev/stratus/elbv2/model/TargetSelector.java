package dev.stratus.elbv2.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Picks the target of one request within one target group (elbv2.md §16–20): stickiness first,
 * then the group's algorithm over the healthy targets, or over every registered target when too
 * few are healthy (fail-open), with slow-start targets weighted by how far into their ramp they
 * are. One selector per target group: it keeps the round-robin position and the outstanding
 * request counts, and is safe to share between event loops.
 */
public final class TargetSelector {

  /**
   * A registered, non-draining target as the data plane sees it.
   *
   * @param healthySince when it last became healthy (slow start), null if not healthy
   */
  public record Candidate(String id, String address, int port, boolean healthy, Instant healthySince) {
    /** How cookies name a target: id and port, as a target is registered. */
    public String key() { return id + ":" + port; }
  }

  /** @param setCookies Set-Cookie values for the response (AWSALB and AWSALBCORS for lb_cookie stickiness) */
  public record Selection(Candidate target, List<String> setCookies, boolean failOpen) {
    public Selection { setCookies = List.copyOf(setCookies); }
  }

  /** The target group attributes the choice reads, with AWS's defaults when unset. */
  public record Settings(String algorithm, Duration slowStart, boolean stickiness, String stickinessType,
      Duration lbCookieDuration, String appCookieName, Duration appCookieDuration, int minHealthyCount,
      Integer minHealthyPercentage) {

    public static Settings of(TargetGroup tg) {
      String count = tg.attribute("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count");
      String pct = tg.attribute("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage");
      return new Settings(
          orDefault(tg.attribute("load_balancing.algorithm.type"), "round_robin"),
          Duration.ofSeconds(Long.parseLong(orDefault(tg.attribute("slow_start.duration_seconds"), "0"))),
          "true".equals(tg.attribute("stickiness.enabled")),
          orDefault(tg.attribute("stickiness.type"), "lb_cookie"),
          Duration.ofSeconds(Long.parseLong(orDefault(tg.attribute("stickiness.lb_cookie.duration_seconds"), "86400"))),
          orDefault(tg.attribute("stickiness.app_cookie.cookie_name"), ""),
          Duration.ofSeconds(Long.parseLong(orDefault(tg.attribute("stickiness.app_cookie.duration_seconds"), "86400"))),
          count == null || count.equals("off") ? 1 : Integer.parseInt(count),
          pct == null || pct.equals("off") ? null : Integer.valueOf(pct));
    }

    private static String orDefault(String v, String d) { return v == null ? d : v; }
  }

  private final String targetGroupArn;
  private final StickyCookies cookies;
  private final RandomGenerator random;
  private final AtomicLong next = new AtomicLong();
  private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();

  public TargetSelector(String targetGroupArn, StickyCookies cookies, RandomGenerator random) {
    this.targetGroupArn = targetGroupArn;
    this.cookies = cookies;
    this.random = random;
  }

  /**
   * The target for {@code request}; empty when the group has no registered target (503).
   *
   * @param honourStickiness false when the forward action spreads over weighted groups without
   *     group stickiness (AWS then ignores the groups' own stickiness)
   */
  public Optional<Selection> choose(Settings s, List<Candidate> registered, RequestView request, Instant now,
      boolean honourStickiness) {
    if (registered.isEmpty()) return Optional.empty();
    List<Candidate> sorted = inKeyOrder(registered);
    List<Candidate> healthy = new ArrayList<>(sorted.size());
    for (Candidate c : sorted) if (c.healthy()) healthy.add(c);
    boolean failOpen = healthy.size() < s.minHealthyCount()
        || (s.minHealthyPercentage() != null && healthy.size() * 100 < s.minHealthyPercentage() * sorted.size());
    List<Candidate> routable = failOpen ? sorted : healthy;

    boolean sticky = s.stickiness() && honourStickiness;
    if (sticky) {
      Optional<Candidate> stuck = stuckTarget(s, request, now).flatMap(key ->
          routable.stream().filter(c -> c.key().equals(key)).findFirst());
      if (stuck.isPresent()) return Optional.of(new Selection(stuck.get(), lbCookies(s, stuck.get(), now), failOpen));
    }
    Candidate chosen = pick(s, routable, now);
    return Optional.of(new Selection(chosen, sticky ? lbCookies(s, chosen, now) : List.of(), failOpen));
  }

  /**
   * The candidates in key order, which round robin and cookies rely on. The routing snapshot
   * keeps its lists sorted, so on the request path this is one pass that finds them in order.
   */
  private static List<Candidate> inKeyOrder(List<Candidate> candidates) {
    for (int i = 1; i < candidates.size(); i++) {
      if (candidates.get(i - 1).key().compareTo(candidates.get(i).key()) > 0) {
        return candidates.stream().sorted(Comparator.comparing(Candidate::key)).toList();
      }
    }
    return candidates;
  }

  /** A request to {@code target} started (least outstanding requests). */
  public void begin(Candidate target) { outstanding.computeIfAbsent(target.key(), k -> new AtomicInteger()).incrementAndGet(); }

  /** A request to {@code target} finished. */
  public void end(Candidate target) {
    AtomicInteger n = outstanding.get(target.key());
    if (n != null) n.decrementAndGet();
  }

  public int outstanding(Candidate target) {
    AtomicInteger n = outstanding.get(target.key());
    return n == null ? 0 : n.get();
  }

  /**
   * The AWSALBAPP-0 cookie to add when a response from {@code target} sets the group's
   * application cookie (app_cookie stickiness); empty otherwise.
   */
  public Optional<String> appCookie(Settings s, Candidate target, List<String> responseSetCookies, Instant now) {
    if (!s.stickiness() || !s.stickinessType().equals("app_cookie")) return Optional.empty();
    boolean setsAppCookie = responseSetCookies.stream().anyMatch(c -> c.startsWith(s.appCookieName() + "="));
    if (!setsAppCookie) return Optional.empty();
    Instant expires = now.plus(s.appCookieDuration());
    return Optional.of(StickyCookies.setCookie(StickyCookies.APP, cookies.seal(targetGroupArn + "|" + target.key(), expires),
        expires, false));
  }

  private Optional<String> stuckTarget(Settings s, RequestView request, Instant now) {
    Optional<String> value = s.stickinessType().equals("app_cookie")
        ? request.cookie(s.appCookieName()).flatMap(present -> request.cookie(StickyCookies.APP))
        : request.cookie(StickyCookies.LB).or(() -> request.cookie(StickyCookies.LB_CORS));
    String prefix = targetGroupArn + "|";
    return value.flatMap(v -> cookies.open(v, now)).filter(subject -> subject.startsWith(prefix))
        .map(subject -> subject.substring(prefix.length()));
  }

  private List<String> lbCookies(Settings s, Candidate target, Instant now) {
    if (!s.stickinessType().equals("lb_cookie")) return List.of();
    Instant expires = now.plus(s.lbCookieDuration());
    String value = cookies.seal(targetGroupArn + "|" + target.key(), expires);
    return List.of(StickyCookies.setCookie(StickyCookies.LB, value, expires, false),
        StickyCookies.setCookie(StickyCookies.LB_CORS, value, expires, true));
  }

  private Candidate pick(Settings s, List<Candidate> routable, Instant now) {
    double[] weights = slowStartWeights(s, routable, now);
    boolean ramping = weights != null;
    if (s.algorithm().equals("least_outstanding_requests")) {
      int least = routable.stream().mapToInt(this::outstanding).min().orElse(0);
      List<Candidate> tied = routable.stream().filter(c -> outstanding(c) == least).toList();
      return tied.get((int) Math.floorMod(next.getAndIncrement(), (long) tied.size()));
    }
    if (ramping || s.algorithm().equals("weighted_random")) {
      double total = 0;
      double[] w = weights != null ? weights : ones(routable.size());
      for (double x : w) total += x;
      double pick = random.nextDouble() * total;
      for (int i = 0; i < w.length; i++) {
        pick -= w[i];
        if (pick < 0) return routable.get(i);
      }
      return routable.get(routable.size() - 1);
    }
    return routable.get((int) Math.floorMod(next.getAndIncrement(), (long) routable.size()));
  }

  /**
   * Each target's share under slow start (elbv2.md §18): a target healthy for t of the duration d
   * gets t/d of a full share; null when no target is ramping. A target does not ramp unless
   * another healthy target is past its ramp (a group whose targets all became healthy together
   * takes traffic at once).
   */
  private static double[] slowStartWeights(Settings s, List<Candidate> routable, Instant now) {
    if (s.slowStart().isZero()) return null;
    List<Double> w = new ArrayList<>();
    boolean anyFull = false;
    boolean anyRamp = false;
    for (Candidate c : routable) {
      double share = 1;
      if (c.healthy() && c.healthySince() != null) {
        long elapsed = Duration.between(c.healthySince(), now).toMillis();
        if (elapsed < s.slowStart().toMillis()) {
          share = Math.max(elapsed, 1) / (double) s.slowStart().toMillis();
          anyRamp = true;
        } else {
          anyFull = true;
        }
      } else if (c.healthy()) {
        anyFull = true;
      }
      w.add(share);
    }
    if (!anyRamp || !anyFull) return null;
    return w.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }
}
