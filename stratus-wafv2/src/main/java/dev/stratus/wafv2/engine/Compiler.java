package dev.stratus.wafv2.engine;

import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** Turns an SDK web ACL into a {@link CompiledWebAcl} (work in progress). */
final class Compiler {
  private final WebACL acl;
  private final IpIntel ipIntel;
  private final RateLimiter rateLimiter;
  private final WafTokens tokens;

  Compiler(WebACL acl, WafLookups lookups, IpIntel ipIntel, RateLimiter rateLimiter, WafTokens tokens, Clock clock) {
    this.acl = acl;
    this.ipIntel = ipIntel;
    this.rateLimiter = rateLimiter;
    this.tokens = tokens;
  }

  CompiledWebAcl compile() {
    var def = acl.defaultAction() != null && acl.defaultAction().block() != null
        ? CompiledWebAcl.ActionSpec.BLOCK : CompiledWebAcl.ActionSpec.ALLOW;
    return new CompiledWebAcl(acl.arn(), acl.name(), List.of(), def, ipIntel, tokens, rateLimiter);
  }
}
