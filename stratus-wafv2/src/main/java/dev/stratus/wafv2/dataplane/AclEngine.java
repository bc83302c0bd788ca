package dev.stratus.wafv2.dataplane;

import dev.stratus.core.http.HttpRequestView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.RegexPatternSet;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * The rule engine as the data plane uses it: {@link EngineAdapter} over
 * {@code dev.stratus.wafv2.engine.WafEngine}; tests may put a simpler engine in its place.
 */
public interface AclEngine {

  /** Compiles {@code acl} with its referenced sets and groups resolved through {@code references}. */
  Compiled compile(WebACL acl, References references);

  /** Forgets the runtime state (rate counters) of a deleted web ACL. */
  void forget(String webAclArn);

  /** What a compiled web ACL offers the data plane. Thread-safe, no I/O: runs on event loops. */
  interface Compiled {
    /** @param resourceType {@code APPLICATION_LOAD_BALANCER}, {@code API_GATEWAY}, {@code CLOUDFRONT} (inspection limits) */
    Decision evaluate(HttpRequestView request, String resourceType);

    /** GetRateBasedStatementManagedKeys: the keys a rate-based rule is limiting now. */
    List<String> rateBasedManagedKeys(Optional<String> ruleGroupRuleName, String ruleName);
  }

  /** The sets and groups a web ACL references, by ARN (the engine's {@code WafLookups}). */
  interface References {
    Optional<IPSet> ipSet(String arn);

    Optional<RegexPatternSet> regexPatternSet(String arn);

    Optional<RuleGroup> ruleGroup(String arn);
  }

  /**
   * One evaluation's outcome (the engine's {@code WafResult}).
   *
   * @param action ALLOW, BLOCK, CAPTCHA or CHALLENGE
   * @param terminatingRule the deciding web ACL rule, or {@code Default_Action}
   * @param response what to answer instead of forwarding, when the request does not pass
   */
  record Decision(String action, String terminatingRule, Optional<String> ruleWithinGroup, List<String> labels,
      Map<String, String> insertedHeaders, Optional<Response> response, List<Match> matches) {
    public static final String DEFAULT_ACTION = "Default_Action";

    public Decision {
      Objects.requireNonNull(action, "action");
      labels = List.copyOf(labels);
      insertedHeaders = Map.copyOf(insertedHeaders);
      matches = List.copyOf(matches);
    }
  }

  /** A rule that matched (the engine's {@code RuleMatch}); actions in AWS's upper-case words. */
  record Match(String webAclRule, Optional<String> ruleGroup, Optional<String> ruleWithinGroup, String action,
      Optional<String> overriddenAction) {}

  /** WAF's own answer: default 403, a custom response, or a CAPTCHA/Challenge interstitial. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    public Response {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }
}
