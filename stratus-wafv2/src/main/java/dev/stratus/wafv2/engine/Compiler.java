package dev.stratus.wafv2.engine;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.stratus.wafv2.engine.CompiledWebAcl.ActionSpec;
import dev.stratus.wafv2.engine.CompiledWebAcl.CompiledGroup;
import dev.stratus.wafv2.engine.CompiledWebAcl.CompiledRule;
import dev.stratus.wafv2.engine.Fields.Field;
import dev.stratus.wafv2.engine.Fields.Inspected;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.wafv2.model.ByteMatchStatement;
import software.amazon.awssdk.services.wafv2.model.CaptchaConfig;
import software.amazon.awssdk.services.wafv2.model.ChallengeConfig;
import software.amazon.awssdk.services.wafv2.model.CustomResponse;
import software.amazon.awssdk.services.wafv2.model.CustomResponseBody;
import software.amazon.awssdk.services.wafv2.model.FallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.ForwardedIPConfig;
import software.amazon.awssdk.services.wafv2.model.ForwardedIPPosition;
import software.amazon.awssdk.services.wafv2.model.IPSetForwardedIPConfig;
import software.amazon.awssdk.services.wafv2.model.LabelMatchScope;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatement;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatementAggregateKeyType;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatementCustomKey;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.RuleActionOverride;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.SensitivityLevel;
import software.amazon.awssdk.services.wafv2.model.SizeConstraintStatement;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformation;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * Turns an SDK web ACL into a {@link CompiledWebAcl}: every statement becomes a {@link Matcher},
 * references are resolved once (IP sets, regex pattern sets, rule groups, Stratus's managed
 * groups), and labels are qualified with their namespace (wafv2.md §4).
 */
final class Compiler {
  static final Duration DEFAULT_IMMUNITY = Duration.ofSeconds(300);

  private final WebACL acl;
  private final WafLookups lookups;
  private final IpIntel ipIntel;
  private final RateLimiter rateLimiter;
  private final WafTokens tokens;
  private final String arn;

  Compiler(WebACL acl, WafLookups lookups, IpIntel ipIntel, RateLimiter rateLimiter, WafTokens tokens, Clock clock) {
    this.acl = acl;
    this.lookups = lookups;
    this.ipIntel = ipIntel;
    this.rateLimiter = rateLimiter;
    this.tokens = tokens;
    this.arn = acl.arn() != null ? acl.arn() : "webacl/" + acl.name();
  }

  /** Where a statement sits: label namespace, custom bodies in scope, and its rule's id for rate counters. */
  private record Ctx(String namespace, Map<String, CustomResponseBody> bodies, String ruleId) {}

  CompiledWebAcl compile() {
    Ctx top = new Ctx(webAclNamespace(), acl.hasCustomResponseBodies() ? acl.customResponseBodies() : Map.of(), "");
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule r : byPriority(acl.rules())) rules.add(compileRule(r, top, true));
    ActionSpec def;
    var d = acl.defaultAction();
    if (d == null) throw new WafCompileException("DefaultAction is required");
    if (d.block() != null) def = action(RuleAction.builder().block(d.block()).build(), top);
    else def = action(RuleAction.builder().allow(d.allow()).build(), top);
    return new CompiledWebAcl(arn, acl.name(), rules, def, ipIntel, tokens, rateLimiter, acl.associationConfig());
  }

  private String webAclNamespace() {
    if (acl.labelNamespace() != null) return withColon(acl.labelNamespace());
    return "awswaf:" + account(arn) + ":webacl:" + acl.name() + ":";
  }

  private static String account(String arn) {
    String[] parts = arn.split(":");
    return parts.length > 4 ? parts[4] : "000000000000";
  }

  private static String withColon(String ns) { return ns.endsWith(":") ? ns : ns + ":"; }

  private static List<Rule> byPriority(List<Rule> rules) {
    List<Rule> sorted = new ArrayList<>(rules == null ? List.of() : rules);
    sorted.sort(Comparator.comparingInt(r -> r.priority() == null ? 0 : r.priority()));
    return sorted;
  }

  private CompiledRule compileRule(Rule r, Ctx outer, boolean topLevel) {
    Ctx ctx = new Ctx(outer.namespace(), outer.bodies(), outer.ruleId() + r.name());
    Statement s = r.statement();
    if (s == null) throw new WafCompileException("Rule " + r.name() + " has no statement");
    List<String> labels = r.hasRuleLabels() ? r.ruleLabels().stream().map(l -> qualify(ctx.namespace(), l.name())).toList() : List.of();
    Duration captcha = immunity(r.captchaConfig(), acl.captchaConfig());
    Duration challenge = immunityChallenge(r.challengeConfig(), acl.challengeConfig());
    int priority = r.priority() == null ? 0 : r.priority();
    if (s.ruleGroupReferenceStatement() != null || s.managedRuleGroupStatement() != null) {
      if (!topLevel) throw new WafCompileException("Rule group references may only be used in a web ACL: " + r.name());
      CompiledGroup group = s.ruleGroupReferenceStatement() != null ? ruleGroupReference(r, ctx) : managedGroup(r, ctx);
      boolean count = r.overrideAction() != null && r.overrideAction().count() != null;
      return new CompiledRule(r.name(), priority, Matcher.NEVER, ActionSpec.COUNT, labels, group, count, captcha, challenge);
    }
    if (r.action() == null) throw new WafCompileException("Rule " + r.name() + " needs an Action");
    return new CompiledRule(r.name(), priority, statement(s, ctx), action(r.action(), ctx), labels, null, false, captcha, challenge);
  }

  private static Duration immunity(CaptchaConfig rule, CaptchaConfig acl) {
    CaptchaConfig c = rule != null && rule.immunityTimeProperty() != null ? rule : acl;
    return c != null && c.immunityTimeProperty() != null ? Duration.ofSeconds(c.immunityTimeProperty().immunityTime()) : DEFAULT_IMMUNITY;
  }

  private static Duration immunityChallenge(ChallengeConfig rule, ChallengeConfig acl) {
    ChallengeConfig c = rule != null && rule.immunityTimeProperty() != null ? rule : acl;
    return c != null && c.immunityTimeProperty() != null ? Duration.ofSeconds(c.immunityTimeProperty().immunityTime()) : DEFAULT_IMMUNITY;
  }

  private CompiledGroup ruleGroupReference(Rule r, Ctx ctx) {
    var ref = r.statement().ruleGroupReferenceStatement();
    RuleGroup group = lookups.ruleGroup(ref.arn())
        .orElseThrow(() -> new WafCompileException("Rule group not found: " + ref.arn()));
    Map<String, ActionSpec> overrides = overrides(ref.hasRuleActionOverrides() ? ref.ruleActionOverrides() : List.of(),
        ref.hasExcludedRules() ? ref.excludedRules().stream().map(e -> e.name()).toList() : List.of(), group, ctx);
    return group(group, ctx, overrides, null);
  }

  private CompiledGroup managedGroup(Rule r, Ctx ctx) {
    var m = r.statement().managedRuleGroupStatement();
    RuleGroup group = ManagedRuleGroups.find(m.vendorName(), m.name())
        .orElseGet(() -> RuleGroup.builder().name(m.name()).rules(List.of()).build()); // not implemented: matches nothing
    Map<String, ActionSpec> overrides = overrides(m.hasRuleActionOverrides() ? m.ruleActionOverrides() : List.of(),
        m.hasExcludedRules() ? m.excludedRules().stream().map(e -> e.name()).toList() : List.of(), group, ctx);
    Matcher scopeDown = m.scopeDownStatement() == null ? null : statement(m.scopeDownStatement(), ctx);
    return group(group, ctx, overrides, scopeDown);
  }

  private CompiledGroup group(RuleGroup g, Ctx outer, Map<String, ActionSpec> overrides, Matcher scopeDown) {
    String ns = g.labelNamespace() != null ? withColon(g.labelNamespace())
        : "awswaf:" + (g.arn() == null ? "000000000000" : account(g.arn())) + ":rulegroup:" + g.name() + ":";
    Ctx ctx = new Ctx(ns, g.hasCustomResponseBodies() ? g.customResponseBodies() : Map.of(), outer.ruleId() + "/");
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule r : byPriority(g.rules())) rules.add(compileRule(r, ctx, false));
    return new CompiledGroup(g.name(), rules, scopeDown, overrides);
  }

  /** RuleActionOverrides and legacy ExcludedRules (= Count); names not in the group are ignored, as AWS does for managed groups. */
  private Map<String, ActionSpec> overrides(List<RuleActionOverride> list, List<String> excluded, RuleGroup g, Ctx ctx) {
    Map<String, ActionSpec> out = new HashMap<>();
    for (String name : excluded) out.put(name, ActionSpec.COUNT);
    for (RuleActionOverride o : list) out.put(o.name(), action(o.actionToUse(), ctx));
    return out;
  }

  private ActionSpec action(RuleAction a, Ctx ctx) {
    if (a.block() != null) {
      CustomResponse cr = a.block().customResponse();
      if (cr == null) return ActionSpec.BLOCK;
      Map<String, String> headers = new LinkedHashMap<>();
      byte[] body = new byte[0];
      if (cr.customResponseBodyKey() != null) {
        CustomResponseBody b = ctx.bodies().get(cr.customResponseBodyKey());
        if (b == null) b = acl.hasCustomResponseBodies() ? acl.customResponseBodies().get(cr.customResponseBodyKey()) : null;
        if (b == null) throw new WafCompileException("Custom response body not found: " + cr.customResponseBodyKey());
        body = b.content().getBytes(StandardCharsets.UTF_8);
        headers.put("content-type", switch (b.contentTypeAsString()) {
          case "TEXT_HTML" -> "text/html";
          case "APPLICATION_JSON" -> "application/json";
          default -> "text/plain";
        });
      }
      // response headers keep their names (a redirect needs a plain Location); only inserted request headers get x-amzn-waf-
      if (cr.hasResponseHeaders()) cr.responseHeaders().forEach(h -> headers.put(h.name(), h.value()));
      return new ActionSpec(WafAction.BLOCK, Map.of(), new WafResponse(cr.responseCode(), headers, body));
    }
    if (a.allow() != null) return new ActionSpec(WafAction.ALLOW, inserted(a.allow().customRequestHandling()), null);
    if (a.count() != null) return new ActionSpec(WafAction.COUNT, inserted(a.count().customRequestHandling()), null);
    if (a.captcha() != null) return new ActionSpec(WafAction.CAPTCHA, inserted(a.captcha().customRequestHandling()), null);
    if (a.challenge() != null) return new ActionSpec(WafAction.CHALLENGE, inserted(a.challenge().customRequestHandling()), null);
    throw new WafCompileException("Action names no action");
  }

  private static Map<String, String> inserted(software.amazon.awssdk.services.wafv2.model.CustomRequestHandling h) {
    if (h == null || !h.hasInsertHeaders()) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    h.insertHeaders().forEach(x -> out.put("x-amzn-waf-" + x.name(), x.value()));
    return out;
  }

  static String qualify(String namespace, String name) {
    return name.startsWith("awswaf:") ? name : namespace + name;
  }

  // ---- statements -------------------------------------------------------------------------

  private Matcher statement(Statement s, Ctx ctx) {
    if (s.byteMatchStatement() != null) return byteMatch(s.byteMatchStatement());
    if (s.sqliMatchStatement() != null) {
      var q = s.sqliMatchStatement();
      boolean high = q.sensitivityLevel() == SensitivityLevel.HIGH;
      return inspect(Fields.compile(q.fieldToMatch()), q.textTransformations(), v -> SqlInjection.detect(v, high));
    }
    if (s.xssMatchStatement() != null) {
      var x = s.xssMatchStatement();
      return inspect(Fields.compile(x.fieldToMatch()), x.textTransformations(), CrossSiteScripting::detect);
    }
    if (s.sizeConstraintStatement() != null) return sizeConstraint(s.sizeConstraintStatement());
    if (s.geoMatchStatement() != null) return geoMatch(s.geoMatchStatement().countryCodesAsStrings(), s.geoMatchStatement().forwardedIPConfig());
    if (s.ipSetReferenceStatement() != null) return ipSet(s.ipSetReferenceStatement());
    if (s.regexPatternSetReferenceStatement() != null) {
      var r = s.regexPatternSetReferenceStatement();
      var set = lookups.regexPatternSet(r.arn()).orElseThrow(() -> new WafCompileException("Regex pattern set not found: " + r.arn()));
      List<Pattern> patterns = set.hasRegularExpressionList() ? set.regularExpressionList().stream().map(x -> regex(x.regexString())).toList() : List.of();
      return inspect(Fields.compile(r.fieldToMatch()), r.textTransformations(),
          v -> { String t = Evaluation.text(v); return patterns.stream().anyMatch(p -> p.matcher(t).find()); });
    }
    if (s.regexMatchStatement() != null) {
      var r = s.regexMatchStatement();
      Optional<List<String>> literals = ManagedRuleGroups.prefilter(r.regexString());
      if (literals.isPresent()) {
        // one of Stratus's own managed patterns: prefilter on literals, then java.util.regex
        List<String> any = literals.get();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(r.regexString());
        return inspect(Fields.compile(r.fieldToMatch()), r.textTransformations(), v -> {
          String lower = Transformations.lower(v);
          for (String lit : any) {
            if (lower.contains(lit)) return p.matcher(Evaluation.text(v)).find();
          }
          return false;
        });
      }
      Pattern p = regex(r.regexString());
      return inspect(Fields.compile(r.fieldToMatch()), r.textTransformations(), v -> p.matcher(Evaluation.text(v)).find());
    }
    if (s.labelMatchStatement() != null) {
      var l = s.labelMatchStatement();
      String key = qualify(ctx.namespace(), l.key());
      if (l.scope() == LabelMatchScope.NAMESPACE) {
        String ns = withColon(key);
        return ev -> ev.labels.stream().anyMatch(x -> x.startsWith(ns));
      }
      return ev -> ev.labels.contains(key);
    }
    if (s.rateBasedStatement() != null) return rateBased(s.rateBasedStatement(), ctx);
    if (s.andStatement() != null) {
      List<Matcher> all = s.andStatement().statements().stream().map(x -> statement(x, ctx)).toList();
      return ev -> { for (Matcher m : all) if (!m.test(ev)) return false; return true; };
    }
    if (s.orStatement() != null) {
      List<Matcher> any = s.orStatement().statements().stream().map(x -> statement(x, ctx)).toList();
      return ev -> { for (Matcher m : any) if (m.test(ev)) return true; return false; };
    }
    if (s.notStatement() != null) {
      Matcher inner = statement(s.notStatement().statement(), ctx);
      return ev -> !inner.test(ev);
    }
    if (s.asnMatchStatement() != null) {
      var a = s.asnMatchStatement();
      Set<Long> asns = new HashSet<>(a.hasAsnList() ? a.asnList() : List.of());
      Function<Evaluation, Optional<InetAddress>> ip = clientIp(a.forwardedIPConfig());
      boolean fallbackMatch = a.forwardedIPConfig() != null && a.forwardedIPConfig().fallbackBehavior() == FallbackBehavior.MATCH;
      return ev -> {
        if (a.forwardedIPConfig() != null && ev.header(a.forwardedIPConfig().headerName()).isEmpty()) return false;
        Optional<InetAddress> addr = ip.apply(ev);
        if (addr.isEmpty()) return fallbackMatch;
        var asn = ipIntel.asn(addr.get());
        return asn.isPresent() && asns.contains(asn.getAsLong());
      };
    }
    if (s.ruleGroupReferenceStatement() != null || s.managedRuleGroupStatement() != null) {
      throw new WafCompileException("Rule group statements must be a rule's top-level statement");
    }
    throw new WafCompileException("Statement names no statement");
  }

  private static Pattern regex(String s) {
    try {
      return Pattern.compile(s);
    } catch (PatternSyntaxException e) {
      throw new WafCompileException("Invalid regex " + s + ": " + e.getMessage());
    }
  }

  /** Applies the transformations in priority order to each inspected value, then the test. */
  static Matcher inspect(Field field, List<TextTransformation> tts, Predicate<String> test) {
    Function<String, String> transform = transformer(tts);
    return ev -> {
      Inspected in = field.inspect(ev);
      if (in.forced() != null) return in.forced();
      for (String v : in.values()) if (test.test(transform.apply(v))) return true;
      return false;
    };
  }

  static Function<String, String> transformer(List<TextTransformation> tts) {
    if (tts == null || tts.isEmpty()) return Function.identity();
    List<TextTransformationType> types = tts.stream().sorted(Comparator.comparingInt(t -> t.priority() == null ? 0 : t.priority()))
        .map(TextTransformation::type).toList();
    if (types.contains(null)) throw new WafCompileException("TextTransformation needs a Type");
    return v -> {
      for (TextTransformationType t : types) v = Transformations.apply(t, v);
      return v;
    };
  }

  private static Matcher byteMatch(ByteMatchStatement b) {
    String needle = new String(b.searchString().asByteArray(), StandardCharsets.ISO_8859_1);
    Predicate<String> test = switch (b.positionalConstraintAsString()) {
      case "EXACTLY" -> v -> v.equals(needle);
      case "STARTS_WITH" -> v -> v.startsWith(needle);
      case "ENDS_WITH" -> v -> v.endsWith(needle);
      case "CONTAINS" -> v -> v.contains(needle);
      case "CONTAINS_WORD" -> v -> containsWord(v, needle);
      default -> throw new WafCompileException("PositionalConstraint " + b.positionalConstraintAsString());
    };
    return inspect(Fields.compile(b.fieldToMatch()), b.textTransformations(), test);
  }

  /** CONTAINS_WORD: the string appears delimited by non-word characters (not A-Z a-z 0-9 _) or the ends. */
  static boolean containsWord(String v, String word) {
    if (word.isEmpty()) return false;
    for (int i = v.indexOf(word); i >= 0; i = v.indexOf(word, i + 1)) {
      boolean left = i == 0 || !wordChar(v.charAt(i - 1));
      int end = i + word.length();
      boolean right = end == v.length() || !wordChar(v.charAt(end));
      if (left && right) return true;
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * Size in bytes after transformations. For Body and JsonBody the size is the whole body's, not
   * the inspected part's (else "body over 8 KB" could never be true on an ALB, where only 8 KB is
   * inspected): CRS's SizeRestrictions_BODY relies on that. MATCH / NO_MATCH oversize handling
   * still forces the answer.
   */
  private static Matcher sizeConstraint(SizeConstraintStatement s) {
    Field field = Fields.compile(s.fieldToMatch());
    long size = s.size();
    Predicate<Long> cmp = switch (s.comparisonOperatorAsString()) {
      case "EQ" -> n -> n == size;
      case "NE" -> n -> n != size;
      case "LE" -> n -> n <= size;
      case "LT" -> n -> n < size;
      case "GE" -> n -> n >= size;
      case "GT" -> n -> n > size;
      default -> throw new WafCompileException("ComparisonOperator " + s.comparisonOperatorAsString());
    };
    boolean transformed = s.hasTextTransformations() && s.textTransformations().stream().anyMatch(t -> t.type() != TextTransformationType.NONE);
    Function<String, String> transform = transformer(s.textTransformations());
    return ev -> {
      Inspected in = field.inspect(ev);
      if (in.forced() != null) return in.forced();
      if (field.bodySized() && field.kind().equals("Body") && !transformed) return cmp.test(ev.bodySize());
      for (String v : in.values()) if (cmp.test((long) transform.apply(v).length())) return true;
      return false;
    };
  }

  /** The address a statement looks at: the TCP peer, or the first address in the forwarded header. */
  private static Function<Evaluation, Optional<InetAddress>> clientIp(ForwardedIPConfig f) {
    if (f == null) return ev -> Optional.of(ev.clientIp());
    String header = f.headerName();
    return ev -> ev.header(header).flatMap(v -> IpAddresses.parse(v.split(",")[0].strip()));
  }

  private Matcher geoMatch(List<String> countries, ForwardedIPConfig f) {
    ipIntel.prepare(); // the country database loads now, not at the first request's lookup on an event loop
    Set<String> wanted = Set.copyOf(countries);
    Function<Evaluation, Optional<InetAddress>> ip = clientIp(f);
    String prefix = f == null ? "awswaf:clientip:geo:" : "awswaf:forwardedip:geo:";
    boolean fallbackMatch = f != null && f.fallbackBehavior() == FallbackBehavior.MATCH;
    return ev -> {
      if (f != null && ev.header(f.headerName()).isEmpty()) return false; // header absent: rule not applied
      Optional<InetAddress> addr = ip.apply(ev);
      if (addr.isEmpty()) return fallbackMatch;
      String country = ipIntel.country(addr.get()).orElse("XX");
      ev.labels.add(prefix + "country:" + country);
      ipIntel.region(addr.get()).ifPresent(r -> ev.labels.add(prefix + "region:" + r));
      return wanted.contains(country);
    };
  }

  private Matcher ipSet(software.amazon.awssdk.services.wafv2.model.IPSetReferenceStatement s) {
    var set = lookups.ipSet(s.arn()).orElseThrow(() -> new WafCompileException("IP set not found: " + s.arn()));
    IpAddresses.CidrSet cidrs = IpAddresses.CidrSet.of(set.hasAddresses() ? set.addresses() : List.of());
    IPSetForwardedIPConfig f = s.ipSetForwardedIPConfig();
    if (f == null) return ev -> cidrs.contains(ev.clientIp());
    boolean fallbackMatch = f.fallbackBehavior() == FallbackBehavior.MATCH;
    ForwardedIPPosition pos = f.position() == null ? ForwardedIPPosition.FIRST : f.position();
    return ev -> {
      Optional<String> header = ev.header(f.headerName());
      if (header.isEmpty()) return false;
      List<String> items = new ArrayList<>();
      for (String p : header.get().split(",")) if (!p.isBlank()) items.add(p.strip());
      if (items.size() > 10) items = pos == ForwardedIPPosition.LAST ? items.subList(items.size() - 10, items.size()) : items.subList(0, 10);
      List<String> looked = switch (pos) {
        case LAST -> items.isEmpty() ? List.of() : List.of(items.getLast());
        case ANY -> items;
        default -> items.isEmpty() ? List.of() : List.of(items.getFirst());
      };
      boolean anyValid = false;
      for (String item : looked) {
        Optional<InetAddress> a = IpAddresses.parse(item);
        if (a.isEmpty()) continue;
        anyValid = true;
        if (cidrs.contains(a.get())) return true;
      }
      return !anyValid && fallbackMatch;
    };
  }

  // ---- rate-based ---------------------------------------------------------------------------

  private Matcher rateBased(RateBasedStatement r, Ctx ctx) {
    long window = r.evaluationWindowSec() == null ? 300 : r.evaluationWindowSec();
    if (window != 60 && window != 120 && window != 300 && window != 600) {
      throw new WafCompileException("EvaluationWindowSec must be 60, 120, 300 or 600");
    }
    if (r.limit() == null) throw new WafCompileException("Limit is required");
    Matcher scopeDown = r.scopeDownStatement() == null ? null : statement(r.scopeDownStatement(), ctx);
    RateBasedStatementAggregateKeyType type = r.aggregateKeyType() == null ? RateBasedStatementAggregateKeyType.IP : r.aggregateKeyType();
    Function<Evaluation, String> key = switch (type) {
      case CONSTANT -> ev -> "";
      case FORWARDED_IP -> {
        ForwardedIPConfig f = r.forwardedIPConfig();
        if (f == null) throw new WafCompileException("FORWARDED_IP aggregation needs ForwardedIPConfig");
        yield ev -> ev.header(f.headerName()).map(v -> IpAddresses.parse(v.split(",")[0].strip())
            .map(IpAddresses::asCidr).orElse(INVALID_FORWARDED_IP)).orElse(null);
      }
      case CUSTOM_KEYS -> customKeys(r);
      default -> ev -> IpAddresses.asCidr(ev.clientIp());
    };
    RateLimiter.Counter counter = rateLimiter.counter(arn + "|" + ctx.ruleId(), r, r.limit(), (int) window);
    boolean invalidMatches = r.forwardedIPConfig() != null && r.forwardedIPConfig().fallbackBehavior() == FallbackBehavior.MATCH;
    return ev -> {
      if (scopeDown != null && !scopeDown.test(ev)) return false;
      String k = key.apply(ev);
      if (k == null) return false; // a missing key component: not counted, not rate-limited
      if (k == INVALID_FORWARDED_IP) return invalidMatches; // ForwardedIPConfig's fallback, uncounted
      return counter.recordAndCheck(k);
    };
  }

  /** Marks a forwarded-IP header that holds no valid address (compared by identity). */
  private static final String INVALID_FORWARDED_IP = new String("invalid forwarded IP");

  private Function<Evaluation, String> customKeys(RateBasedStatement r) {
    if (!r.hasCustomKeys() || r.customKeys().isEmpty() || r.customKeys().size() > 5) {
      throw new WafCompileException("CUSTOM_KEYS aggregation needs 1 to 5 custom keys");
    }
    List<Function<Evaluation, String>> parts = new ArrayList<>();
    for (RateBasedStatementCustomKey k : r.customKeys()) parts.add(customKey(k, r.forwardedIPConfig()));
    return ev -> {
      StringBuilder b = new StringBuilder();
      for (var p : parts) {
        String v = p.apply(ev);
        if (v == null) return null;
        if (!b.isEmpty()) b.append('\u0000');
        b.append(v);
      }
      return b.toString();
    };
  }

  private Function<Evaluation, String> customKey(RateBasedStatementCustomKey k, ForwardedIPConfig f) {
    if (k.header() != null) {
      var t = transformer(k.header().textTransformations());
      return ev -> ev.header(k.header().name()).map(t).orElse(null);
    }
    if (k.cookie() != null) {
      var t = transformer(k.cookie().textTransformations());
      return ev -> ev.cookie(k.cookie().name()).map(t).orElse(null);
    }
    if (k.queryArgument() != null) {
      var t = transformer(k.queryArgument().textTransformations());
      String name = k.queryArgument().name().toLowerCase(Locale.ROOT);
      return ev -> ev.queryArgs().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name))
          .map(e -> t.apply(e.getValue())).findFirst().orElse(null);
    }
    if (k.queryString() != null) {
      var t = transformer(k.queryString().textTransformations());
      return ev -> ev.queryString().isEmpty() ? null : t.apply(ev.queryString());
    }
    if (k.uriPath() != null) {
      var t = transformer(k.uriPath().textTransformations());
      return ev -> t.apply(ev.uriPath());
    }
    if (k.httpMethod() != null) return ev -> ev.request.method();
    if (k.ip() != null) return ev -> IpAddresses.text(ev.clientIp());
    if (k.forwardedIP() != null) {
      if (f == null) throw new WafCompileException("A ForwardedIP key needs ForwardedIPConfig");
      return ev -> ev.header(f.headerName()).flatMap(v -> IpAddresses.parse(v.split(",")[0].strip()))
          .map(IpAddresses::text).orElse(null);
    }
    if (k.labelNamespace() != null) {
      String ns = withColon(k.labelNamespace().namespace());
      return ev -> {
        String names = String.join(",", ev.labels.stream().filter(l -> l.startsWith(ns)).map(l -> l.substring(ns.length())).sorted().toList());
        return names.isEmpty() ? null : names;
      };
    }
    if (k.asn() != null) {
      return ev -> {
        var asn = ipIntel.asn(ev.clientIp());
        return asn.isPresent() ? Long.toString(asn.getAsLong()) : null;
      };
    }
    // JA3 / JA4: the front end gives WAF no TLS ClientHello: a missing component.
    return ev -> null;
  }
}
