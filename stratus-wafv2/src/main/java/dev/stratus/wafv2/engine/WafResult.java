package dev.stratus.wafv2.engine;

import dev.stratus.core.http.FilterVerdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one web ACL evaluation.
 *
 * @param action the terminating action: ALLOW, BLOCK, CAPTCHA or CHALLENGE (never COUNT)
 * @param terminatingRule the web ACL rule that decided, or {@code Default_Action}
 * @param ruleWithinGroup the rule inside a rule group that decided, when one did
 * @param labels fully qualified labels the request carries at the end
 * @param insertedHeaders request headers to add for the origin, names already {@code x-amzn-waf-}
 * @param response what to answer when the request does not pass (BLOCK, CAPTCHA, CHALLENGE)
 * @param matches every rule that matched, in evaluation order (counted ones included)
 */
public record WafResult(WafAction action, String terminatingRule, Optional<String> ruleWithinGroup,
    List<String> labels, Map<String, String> insertedHeaders, Optional<WafResponse> response,
    List<RuleMatch> matches) {

  /** The name AWS uses for the default action in logs, metrics and samples. */
  public static final String DEFAULT_ACTION = "Default_Action";

  public WafResult {
    labels = List.copyOf(labels);
    insertedHeaders = Map.copyOf(insertedHeaders);
    matches = List.copyOf(matches);
  }

  /** Whether the request goes on to the target (Allow, or a count-only path to a default Allow). */
  public boolean passes() {
    return response.isEmpty();
  }

  /** The core filter verdict: continue with the inserted headers, or answer with the response. */
  public FilterVerdict toFilterVerdict() {
    return response.<FilterVerdict>map(r -> new FilterVerdict.Respond(r.status(), r.headers(), r.body()))
        .orElseGet(() -> insertedHeaders.isEmpty() ? FilterVerdict.CONTINUE : new FilterVerdict.Continue(insertedHeaders));
  }
}
