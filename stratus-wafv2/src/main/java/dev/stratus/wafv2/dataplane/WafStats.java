package dev.stratus.wafv2.dataplane;

import dev.stratus.core.http.HttpRequestView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One web ACL's runtime facts in the data plane (ARCHITECTURE rule 2): the counts behind AWS's
 * CloudWatch metrics (AllowedRequests, BlockedRequests, CountedRequests, … per rule, plus
 * {@code ALL} and {@code Default_Action}) and the recent requests GetSampledRequests picks from.
 */
public final class WafStats {
  /** AWS samples from the first 5,000 requests of a window of at most 3 hours (wafv2.md §16). */
  static final int MAX_SAMPLES = 5_000;

  /** One request as sampled: what it was, what WAF decided, when. */
  public record Sample(Instant timestamp, String clientIp, String method, String uri, String httpVersion,
      List<Map.Entry<String, String>> headers, AclEngine.Decision decision) {}

  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  void record(HttpRequestView request, AclEngine.Decision d, Instant now) {
    String metric = switch (d.action()) {
      case "ALLOW" -> "AllowedRequests";
      case "BLOCK" -> "BlockedRequests";
      case "CAPTCHA" -> "CaptchaRequests";
      case "CHALLENGE" -> "ChallengeRequests";
      default -> "CountedRequests";
    };
    add("ALL", metric);
    add(d.terminatingRule(), metric);
    for (var m : d.matches()) {
      if (m.action().equals("COUNT")) add(m.webAclRule(), "CountedRequests");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    request.headers().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
    var sample = new Sample(now, request.client().getAddress().getHostAddress(), request.method(), request.uri(),
        request.protocol(), headers, d);
    synchronized (samples) {
      if (samples.size() == MAX_SAMPLES) samples.removeFirst();
      samples.addLast(sample);
    }
  }

  private void add(String rule, String metric) {
    counters.computeIfAbsent(rule + "|" + metric, k -> new LongAdder()).increment();
  }

  /** Rule (or {@code ALL}, {@code Default_Action}) → metric name → count. */
  public Map<String, Map<String, Long>> metrics() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    counters.forEach((k, v) -> {
      int bar = k.lastIndexOf('|');
      out.computeIfAbsent(k.substring(0, bar), r -> new TreeMap<>()).put(k.substring(bar + 1), v.sum());
    });
    return out;
  }

  /** The kept samples between {@code start} and {@code end}, oldest first. */
  public List<Sample> samples(Instant start, Instant end) {
    synchronized (samples) {
      return samples.stream().filter(s -> !s.timestamp().isBefore(start) && !s.timestamp().isAfter(end)).toList();
    }
  }
}
