package dev.stratus.wafv2.engine;

import dev.stratus.core.http.HttpRequestView;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.RegexPatternSet;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformation;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** Small builders for engine tests: requests, rules, web ACLs. */
final class WafTestSupport {
  static final String ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/test/11111111-2222-3333-4444-555555555555";

  private WafTestSupport() {}

  /** A request builder. */
  static final class Req {
    String method = "GET";
    String uri = "/";
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    String client = "203.0.113.7";

    Req() { headers.put("user-agent", new ArrayList<>(List.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"))); }

    Req method(String m) { method = m; return this; }

    Req uri(String u) { uri = u; return this; }

    Req header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(), k -> new ArrayList<>()).add(value);
      return this;
    }

    Req noHeader(String name) { headers.remove(name.toLowerCase()); return this; }

    Req body(String b) { body = b.getBytes(StandardCharsets.UTF_8); return this; }

    Req body(byte[] b) { body = b; return this; }

    Req client(String ip) { client = ip; return this; }

    HttpRequestView view() {
      return new HttpRequestView(method, uri, "HTTP/1.1", headers, ByteBuffer.wrap(body),
          new InetSocketAddress(IpAddresses.parse(client).orElseThrow(), 40000), false);
    }
  }

  static Req get(String uri) { return new Req().uri(uri); }

  static Req post(String uri, String body) { return new Req().method("POST").uri(uri).body(body); }

  static Clock fixedClock() { return Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC); }

  static WebACL acl(DefaultAction def, Rule... rules) {
    return WebACL.builder().name("test").id("11111111-2222-3333-4444-555555555555").arn(ACL_ARN)
        .defaultAction(def).rules(rules).build();
  }

  static WebACL acl(Rule... rules) { return acl(allowByDefault(), rules); }

  static DefaultAction allowByDefault() { return DefaultAction.builder().allow(a -> { }).build(); }

  static DefaultAction blockByDefault() { return DefaultAction.builder().block(b -> { }).build(); }

  static RuleAction block() { return RuleAction.builder().block(b -> { }).build(); }

  static RuleAction allow() { return RuleAction.builder().allow(b -> { }).build(); }

  static RuleAction count() { return RuleAction.builder().count(b -> { }).build(); }

  static Rule rule(String name, int priority, Statement s, RuleAction action, String... labels) {
    var b = Rule.builder().name(name).priority(priority).statement(s).action(action)
        .visibilityConfig(v -> v.metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true));
    if (labels.length > 0) b.ruleLabels(java.util.Arrays.stream(labels).map(l -> software.amazon.awssdk.services.wafv2.model.Label.builder().name(l).build()).toList());
    return b.build();
  }

  static List<TextTransformation> tts(TextTransformationType... types) {
    List<TextTransformation> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) out.add(TextTransformation.builder().priority(i).type(types[i]).build());
    if (out.isEmpty()) out.add(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build());
    return out;
  }

  static Statement byteMatch(FieldToMatch f, String search, PositionalConstraint pos, TextTransformationType... types) {
    return Statement.builder().byteMatchStatement(b -> b.fieldToMatch(f).searchString(SdkBytes.fromUtf8String(search))
        .positionalConstraint(pos).textTransformations(tts(types))).build();
  }

  static FieldToMatch uriPath() { return FieldToMatch.builder().uriPath(u -> { }).build(); }

  static FieldToMatch queryString() { return FieldToMatch.builder().queryString(u -> { }).build(); }

  static FieldToMatch header(String name) { return FieldToMatch.builder().singleHeader(h -> h.name(name)).build(); }

  static FieldToMatch body() { return FieldToMatch.builder().body(b -> { }).build(); }

  /** In-memory lookups for referenced sets and groups. */
  static final class Lookups implements WafLookups {
    final Map<String, IPSet> ipSets = new LinkedHashMap<>();
    final Map<String, RegexPatternSet> regexSets = new LinkedHashMap<>();
    final Map<String, RuleGroup> groups = new LinkedHashMap<>();

    @Override public Optional<IPSet> ipSet(String arn) { return Optional.ofNullable(ipSets.get(arn)); }

    @Override public Optional<RegexPatternSet> regexPatternSet(String arn) { return Optional.ofNullable(regexSets.get(arn)); }

    @Override public Optional<RuleGroup> ruleGroup(String arn) { return Optional.ofNullable(groups.get(arn)); }
  }

  static WafEngine engine() { return new WafEngine(fixedClock(), IpIntel.none()); }

  static WafResult eval(WebACL acl, Req req) {
    return engine().compile(acl, WafLookups.none()).evaluate(req.view(), InspectionLimits.ALB);
  }

  /** True when a single Block rule with {@code s} blocks {@code req}. */
  static boolean blocks(Statement s, Req req) {
    return eval(acl(rule("r", 0, s, block())), req).action() == WafAction.BLOCK;
  }
}
