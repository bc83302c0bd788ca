package dev.stratus.wafv2.engine;

import dev.stratus.core.http.HttpRequestView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.wafv2.model.AssociationConfig;

/**
 * A web ACL compiled for evaluation: immutable, thread-safe, and free of I/O (wafv2.md §A).
 * Rules run lowest priority first; a rule-group reference runs its group's rules in place; the
 * first terminating action ends the evaluation, else the DefaultAction applies.
 */
public final class CompiledWebAcl {
  /** The body AWS WAF sends with its default 403 Block response. */
  static final byte[] DEFAULT_BLOCK_BODY = """
      <html>
      <head><title>403 Forbidden</title></head>
      <body>
      <center><h1>403 Forbidden</h1></center>
      </body>
      </html>
      """.getBytes(StandardCharsets.US_ASCII);

  private final String arn;
  private final String name;
  private final List<CompiledRule> rules;
  private final ActionSpec defaultAction;
  private final IpIntel ipIntel;
  private final WafTokens tokens;
  private final RateLimiter rateLimiter;
  private final AssociationConfig associationConfig;

  CompiledWebAcl(String arn, String name, List<CompiledRule> rules, ActionSpec defaultAction, IpIntel ipIntel,
      WafTokens tokens, RateLimiter rateLimiter, AssociationConfig associationConfig) {
    this.associationConfig = associationConfig;
    this.arn = arn;
    this.name = name;
    this.rules = List.copyOf(rules);
    this.defaultAction = defaultAction;
    this.ipIntel = ipIntel;
    this.tokens = tokens;
    this.rateLimiter = rateLimiter;
  }

  public String arn() { return arn; }

  public String name() { return name; }

  /**
   * Evaluates one request arriving on a resource of {@code resourceType}
   * ({@code APPLICATION_LOAD_BALANCER}, {@code API_GATEWAY}, {@code CLOUDFRONT}, ...), with the body
   * limit that type has under this web ACL's AssociationConfig.
   */
  public WafResult evaluate(HttpRequestView request, String resourceType) {
    return evaluate(request, limitsFor(resourceType));
  }

  /** The inspection limits for a resource type under this web ACL's AssociationConfig. */
  public InspectionLimits limitsFor(String resourceType) {
    return InspectionLimits.forResource(resourceType, associationConfig);
  }

  /** Evaluates one request with the inspection limits of the resource it arrived on. */
  public WafResult evaluate(HttpRequestView request, InspectionLimits limits) {
    Evaluation ev = new Evaluation(request, limits, ipIntel);
    Map<String, String> inserted = new LinkedHashMap<>();
    List<RuleMatch> matches = new ArrayList<>();
    String token = ev.cookie(WafTokens.COOKIE).orElse(null);
    for (CompiledRule rule : rules) {
      WafResult done = rule.group() != null
          ? evaluateGroup(rule, ev, inserted, matches, token)
          : evaluateRule(rule, rule.name(), null, ev, inserted, matches, token, rule.action(), false);
      if (done != null) return done;
    }
    inserted.putAll(defaultAction.insertHeaders());
    return finish(defaultAction, WafResult.DEFAULT_ACTION, null, ev, inserted, matches);
  }

  private WafResult evaluateGroup(CompiledRule ref, Evaluation ev, Map<String, String> inserted,
      List<RuleMatch> matches, String token) {
    CompiledGroup group = ref.group();
    if (group.scopeDown() != null && !group.scopeDown().test(ev)) return null;
    for (CompiledRule inner : group.rules()) {
      ActionSpec action = group.overrides().getOrDefault(inner.name(), inner.action());
      WafResult done = evaluateRule(inner, ref.name(), group.name(), ev, inserted, matches, token, action,
          ref.overrideCount());
      if (done == STOP_GROUP) return null;
      if (done != null) return done;
    }
    return null;
  }

  /** Marks "the group's terminating result was counted (OverrideAction Count): leave the group". */
  private static final WafResult STOP_GROUP = new WafResult(WafAction.COUNT, "", Optional.empty(), List.of(),
      Map.of(), Optional.empty(), List.of());

  private WafResult evaluateRule(CompiledRule rule, String webAclRule, String groupName, Evaluation ev,
      Map<String, String> inserted, List<RuleMatch> matches, String token, ActionSpec action, boolean overrideCount) {
    if (!rule.statement().test(ev)) return null;
    ev.labels.addAll(rule.labels());
    Optional<String> group = Optional.ofNullable(groupName);
    Optional<String> within = groupName == null ? Optional.empty() : Optional.of(rule.name());
    WafAction type = action.type();
    boolean passesWithToken = switch (type) {
      case CAPTCHA -> tokens.captchaValid(token, rule.captchaImmunity());
      case CHALLENGE -> tokens.challengeValid(token, rule.challengeImmunity());
      default -> false;
    };
    if (type == WafAction.COUNT || passesWithToken) {
      matches.add(new RuleMatch(webAclRule, group, within, type, Optional.empty()));
      inserted.putAll(action.insertHeaders());
      return null;
    }
    if (overrideCount) {
      matches.add(new RuleMatch(webAclRule, group, within, WafAction.COUNT, Optional.of(type)));
      return STOP_GROUP;
    }
    matches.add(new RuleMatch(webAclRule, group, within, type, Optional.empty()));
    if (type == WafAction.ALLOW) inserted.putAll(action.insertHeaders());
    return finish(action, webAclRule, groupName == null ? null : rule.name(), ev, inserted, matches);
  }

  private WafResult finish(ActionSpec action, String terminatingRule, String within, Evaluation ev,
      Map<String, String> inserted, List<RuleMatch> matches) {
    Optional<WafResponse> response = switch (action.type()) {
      case ALLOW, COUNT -> Optional.empty();
      case BLOCK -> Optional.of(action.response() != null ? action.response()
          : new WafResponse(403, Map.of("content-type", "text/html"), DEFAULT_BLOCK_BODY));
      case CAPTCHA -> Optional.of(Interstitials.captcha());
      case CHALLENGE -> Optional.of(Interstitials.challenge());
    };
    return new WafResult(action.type(), terminatingRule, Optional.ofNullable(within), List.copyOf(ev.labels),
        response.isPresent() ? Map.of() : inserted, response, matches);
  }

  /**
   * The aggregation instances a rate-based rule is rate-limiting now, for
   * GetRateBasedStatementManagedKeys: IP addresses as {@code a.b.c.d/32} or {@code …/128} for IP and
   * FORWARDED_IP aggregation, the composite key otherwise.
   *
   * @param ruleGroupRuleName the web ACL rule that references a rule group holding the rule, or empty
   * @param ruleName the rate-based rule's name
   */
  public List<String> rateBasedManagedKeys(Optional<String> ruleGroupRuleName, String ruleName) {
    String id = arn + "|" + ruleGroupRuleName.map(g -> g + "/").orElse("") + ruleName;
    RateLimiter.Counter counter = rateLimiter.existing(id);
    return counter == null ? List.of() : counter.limitedKeys();
  }

  /** How an action is carried out: its type, inserted request headers, and custom response. */
  record ActionSpec(WafAction type, Map<String, String> insertHeaders, WafResponse response) {
    static final ActionSpec ALLOW = new ActionSpec(WafAction.ALLOW, Map.of(), null);
    static final ActionSpec BLOCK = new ActionSpec(WafAction.BLOCK, Map.of(), null);
    static final ActionSpec COUNT = new ActionSpec(WafAction.COUNT, Map.of(), null);
  }

  /** A compiled rule; {@code group} is set for rule-group references (managed or not). */
  record CompiledRule(String name, int priority, Matcher statement, ActionSpec action, List<String> labels,
      CompiledGroup group, boolean overrideCount, Duration captchaImmunity, Duration challengeImmunity) {}

  record CompiledGroup(String name, List<CompiledRule> rules, Matcher scopeDown, Map<String, ActionSpec> overrides) {}
}
