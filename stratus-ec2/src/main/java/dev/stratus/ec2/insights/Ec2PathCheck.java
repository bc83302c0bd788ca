package dev.stratus.ec2.insights;

import dev.stratus.core.vpc.PathCheck;
import dev.stratus.ec2.reachability.Explanation;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.Query;
import dev.stratus.ec2.reachability.ReachabilityVerdict;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EC2's side of {@link PathCheck}: the Reachability Analyzer over the account's committed network
 * ({@link Ec2NetworkSnapshot}). Verdicts are kept until the account's network changes, so a data
 * plane asking per connection pays for one analysis per (source, instance, protocol, port) and
 * network state.
 */
public final class Ec2PathCheck implements PathCheck {
  private final Ec2NetworkSnapshot network;
  private final Map<String, Cached> verdicts = new ConcurrentHashMap<>();

  private record Cached(long generation, Verdict verdict) {}

  public Ec2PathCheck(Ec2NetworkSnapshot network) { this.network = network; }

  @Override
  public Verdict verdict(String accountId, String region, String source, String targetInstanceId, String protocol,
      int port) {
    String key = accountId + "|" + source + "|" + targetInstanceId + "|" + protocol + "|" + port;
    long generation = network.generation(accountId);
    Cached c = verdicts.get(key);
    if (c != null && c.generation() == generation) return c.verdict();
    Protocol p = "udp".equalsIgnoreCase(protocol) ? Protocol.UDP : Protocol.TCP;
    ReachabilityVerdict v = network.analysis(accountId).analyze(Query.of(source, targetInstanceId, p, port));
    Verdict verdict = v.networkPathFound() ? Verdict.REACHABLE : new Verdict(false, describe(v));
    if (verdicts.size() > 10_000) verdicts.clear(); // bounded: stale generations are simply rebuilt
    verdicts.put(key, new Cached(generation, verdict));
    return verdict;
  }

  private static String describe(ReachabilityVerdict v) {
    if (v.explanations().isEmpty()) return "no path";
    Explanation e = v.explanations().get(0);
    return e.code().name() + " " + e.component().id() + e.direction().map(d -> " (" + d.wire() + ")").orElse("")
        + (e.onReturnPath() ? " on the return path" : "");
  }
}
