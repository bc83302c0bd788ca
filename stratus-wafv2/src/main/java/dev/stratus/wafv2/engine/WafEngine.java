package dev.stratus.wafv2.engine;

import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * The WAF rule engine for one Stratus instance: compiles web ACLs into immutable evaluators.
 * It owns the state that must outlive a recompilation: rate-based counters (kept while a rule's
 * statement is unchanged, reset when it changes, wafv2.md §9) and the token key for CAPTCHA /
 * Challenge immunity.
 */
public final class WafEngine {
  private final Clock clock;
  private final IpIntel ipIntel;
  private final RateLimiter rateLimiter;
  private final WafTokens tokens;

  public WafEngine(Clock clock, IpIntel ipIntel) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ipIntel = Objects.requireNonNull(ipIntel, "ipIntel");
    this.rateLimiter = new RateLimiter(clock);
    this.tokens = new WafTokens(clock);
  }

  /**
   * Compiles {@code acl} (its ARN identifies it for rate counters) with the referenced IP sets,
   * regex pattern sets and rule groups resolved now through {@code lookups}.
   *
   * @throws WafCompileException when a reference does not resolve or a statement is malformed
   */
  public CompiledWebAcl compile(WebACL acl, WafLookups lookups) {
    return new Compiler(acl, lookups, ipIntel, rateLimiter, tokens, clock).compile();
  }

  /** Forgets the rate counters of a deleted web ACL. */
  public void forget(String webAclArn) {
    rateLimiter.forget(webAclArn);
  }

  /** Issues and checks {@code aws-waf-token} values (CAPTCHA / Challenge immunity). */
  public WafTokens tokens() { return tokens; }

  public Clock clock() { return clock; }
}
