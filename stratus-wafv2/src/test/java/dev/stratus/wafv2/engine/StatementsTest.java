package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.CountryCode;
import software.amazon.awssdk.services.wafv2.model.FallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.ForwardedIPPosition;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.LabelMatchScope;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.RegexPatternSet;
import software.amazon.awssdk.services.wafv2.model.SensitivityLevel;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;

/** Each statement type on its own. */
class StatementsTest {
  @Test
  void byteMatchPositionalConstraints() {
    var req = get("/").header("x-a", "foo bar_baz");
    assertThat(blocks(byteMatch(header("x-a"), "foo bar_baz", PositionalConstraint.EXACTLY), req)).isTrue();
    assertThat(blocks(byteMatch(header("x-a"), "foo", PositionalConstraint.EXACTLY), req)).isFalse();
    assertThat(blocks(byteMatch(header("x-a"), "foo", PositionalConstraint.STARTS_WITH), req)).isTrue();
    assertThat(blocks(byteMatch(header("x-a"), "baz", PositionalConstraint.STARTS_WITH), req)).isFalse();
    assertThat(blocks(byteMatch(header("x-a"), "baz", PositionalConstraint.ENDS_WITH), req)).isTrue();
    assertThat(blocks(byteMatch(header("x-a"), "r_b", PositionalConstraint.CONTAINS), req)).isTrue();
    assertThat(blocks(byteMatch(header("x-a"), "bar", PositionalConstraint.CONTAINS_WORD), req)).isFalse(); // _ is a word char
    assertThat(blocks(byteMatch(header("x-a"), "foo", PositionalConstraint.CONTAINS_WORD), req)).isTrue();
    assertThat(blocks(byteMatch(header("x-a"), "bar_baz", PositionalConstraint.CONTAINS_WORD), req)).isTrue();
    assertThat(blocks(byteMatch(header("x-a"), "FOO", PositionalConstraint.CONTAINS), req)).isFalse(); // case-sensitive
  }

  private static Statement sqli(SensitivityLevel level) {
    return Statement.builder().sqliMatchStatement(s -> s.fieldToMatch(f -> f.allQueryArguments(a -> { }))
        .textTransformations(tts(TextTransformationType.URL_DECODE)).sensitivityLevel(level)).build();
  }

  @Test
  void sqliMatchLowAndHigh() {
    assertThat(blocks(sqli(SensitivityLevel.LOW), get("/?id=1%27%20OR%20%271%27%3D%271"))).isTrue();
    assertThat(blocks(sqli(SensitivityLevel.LOW), get("/?id=1%20UNION%20SELECT%20password%20FROM%20users"))).isTrue();
    assertThat(blocks(sqli(SensitivityLevel.LOW), get("/?name=O%27Reilly"))).isFalse();
    // "1 AND 2" is not an injection shape at LOW; HIGH reports it
    assertThat(blocks(sqli(SensitivityLevel.LOW), get("/?q=1%20AND%20x"))).isFalse();
    assertThat(blocks(sqli(SensitivityLevel.HIGH), get("/?q=1%20AND%20x"))).isTrue();
  }

  @Test
  void xssMatch() {
    Statement s = Statement.builder().xssMatchStatement(x -> x.fieldToMatch(f -> f.allQueryArguments(a -> { }))
        .textTransformations(tts(TextTransformationType.URL_DECODE, TextTransformationType.HTML_ENTITY_DECODE))).build();
    assertThat(blocks(s, get("/?q=%3Cscript%3Ealert(1)%3C/script%3E"))).isTrue();
    assertThat(blocks(s, get("/?q=%26lt%3Bimg%20src%3Dx%20onerror%3Dalert(1)%26gt%3B"))).isTrue();
    assertThat(blocks(s, get("/?q=a%20%3C%20b%20and%20c%20%3E%20d"))).isFalse();
  }

  @Test
  void geoMatchLabelsEveryInspectedRequest() {
    IpIntel intel = new IpIntel() {
      @Override public Optional<String> country(InetAddress a) {
        return a.getHostAddress().startsWith("198.51.100.") ? Optional.of("US") : Optional.empty();
      }

      @Override public Optional<String> region(InetAddress a) {
        return a.getHostAddress().startsWith("198.51.100.") ? Optional.of("US-OR") : Optional.empty();
      }
    };
    var engine = new WafEngine(fixedClock(), intel);
    Statement geo = Statement.builder().geoMatchStatement(g -> g.countryCodes(CountryCode.US)).build();
    var compiled = engine.compile(acl(rule("geo", 0, geo, count())), WafLookups.none());
    WafResult us = compiled.evaluate(get("/").client("198.51.100.9").view(), InspectionLimits.ALB);
    assertThat(us.matches()).hasSize(1);
    assertThat(us.labels()).containsExactly("awswaf:clientip:geo:country:US", "awswaf:clientip:geo:region:US-OR");
    WafResult other = compiled.evaluate(get("/").view(), InspectionLimits.ALB);
    assertThat(other.matches()).isEmpty();
    assertThat(other.labels()).containsExactly("awswaf:clientip:geo:country:XX"); // labelled though not matched

    Statement fwd = Statement.builder().geoMatchStatement(g -> g.countryCodes(CountryCode.US)
        .forwardedIPConfig(f -> f.headerName("X-Forwarded-For").fallbackBehavior(FallbackBehavior.MATCH))).build();
    var c2 = engine.compile(acl(rule("geo", 0, fwd, block())), WafLookups.none());
    WafResult viaHeader = c2.evaluate(get("/").header("x-forwarded-for", "198.51.100.1, 10.0.0.1").view(), InspectionLimits.ALB);
    assertThat(viaHeader.action()).isEqualTo(WafAction.BLOCK);
    assertThat(viaHeader.labels()).contains("awswaf:forwardedip:geo:country:US");
    assertThat(c2.evaluate(get("/").header("x-forwarded-for", "not-an-ip").view(), InspectionLimits.ALB).action())
        .isEqualTo(WafAction.BLOCK); // fallback MATCH
    assertThat(c2.evaluate(get("/").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.ALLOW); // header absent
  }

  @Test
  void geoMatchOverTheUserLocationTable() {
    var table = dev.stratus.net.geo.UserLocationTable.of(List.of(
        dev.stratus.core.ClientLocation.ofCity("127.0.0.0/8", "Seattle")));
    var engine = new WafEngine(fixedClock(), IpIntel.standard(table));
    Statement geo = Statement.builder().geoMatchStatement(g -> g.countryCodes(CountryCode.US)).build();
    var c = engine.compile(acl(rule("geo", 0, geo, block())), WafLookups.none());
    WafResult r = c.evaluate(get("/").client("127.0.0.1").view(), InspectionLimits.ALB);
    assertThat(r.action()).isEqualTo(WafAction.BLOCK);
    assertThat(r.labels()).containsExactly("awswaf:clientip:geo:country:US", "awswaf:clientip:geo:region:US-WA");
    assertThat(c.evaluate(get("/").client("10.0.0.1").view(), InspectionLimits.ALB).labels())
        .containsExactly("awswaf:clientip:geo:country:XX"); // private space is nowhere
    assertThat(c.evaluate(get("/").client("8.8.8.8").view(), InspectionLimits.ALB).labels())
        .containsExactly("awswaf:clientip:geo:country:US"); // the bundled IP-to-country database
  }

  @Test
  void ipSetReferenceWithForwardedIpPositions() {
    var lookups = new WafTestSupport.Lookups();
    String arn = "arn:aws:wafv2:us-east-1:123456789012:regional/ipset/bad/1";
    lookups.ipSets.put(arn, IPSet.builder().name("bad").arn(arn).addresses("192.0.2.0/24", "2001:db8::/32").build());
    var engine = engine();
    Statement direct = Statement.builder().ipSetReferenceStatement(s -> s.arn(arn)).build();
    var c = engine.compile(acl(rule("ip", 0, direct, block())), lookups);
    assertThat(c.evaluate(get("/").client("192.0.2.77").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.BLOCK);
    assertThat(c.evaluate(get("/").client("2001:db8::1").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.BLOCK);
    assertThat(c.evaluate(get("/").client("192.0.3.1").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.ALLOW);

    String xff = "203.0.113.1, 192.0.2.5, 198.51.100.2";
    for (var pos : List.of(ForwardedIPPosition.FIRST, ForwardedIPPosition.LAST, ForwardedIPPosition.ANY)) {
      Statement s = Statement.builder().ipSetReferenceStatement(r -> r.arn(arn).ipSetForwardedIPConfig(f -> f
          .headerName("X-Forwarded-For").fallbackBehavior(FallbackBehavior.NO_MATCH).position(pos))).build();
      var cp = engine.compile(acl(rule("ip", 0, s, block())), lookups);
      var result = cp.evaluate(get("/").header("x-forwarded-for", xff).view(), InspectionLimits.ALB);
      assertThat(result.action()).as(pos.name()).isEqualTo(pos == ForwardedIPPosition.ANY ? WafAction.BLOCK : WafAction.ALLOW);
    }
    assertThatThrownBy(() -> engine.compile(acl(rule("ip", 0,
        Statement.builder().ipSetReferenceStatement(s -> s.arn("arn:missing")).build(), block())), lookups))
        .isInstanceOf(WafCompileException.class);
  }

  @Test
  void regexPatternSetAndRegexMatch() {
    var lookups = new WafTestSupport.Lookups();
    String arn = "arn:aws:wafv2:us-east-1:123456789012:regional/regexpatternset/r/1";
    lookups.regexSets.put(arn, RegexPatternSet.builder().name("r").arn(arn)
        .regularExpressionList(x -> x.regexString("^/admin"), x -> x.regexString("\\.php$")).build());
    Statement set = Statement.builder().regexPatternSetReferenceStatement(r -> r.arn(arn).fieldToMatch(uriPath())
        .textTransformations(tts(TextTransformationType.LOWERCASE))).build();
    var c = engine().compile(acl(rule("rx", 0, set, block())), lookups);
    assertThat(c.evaluate(get("/ADMIN/x").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.BLOCK);
    assertThat(c.evaluate(get("/x/index.php").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.BLOCK);
    assertThat(c.evaluate(get("/x/admin").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.ALLOW);

    Statement rx = Statement.builder().regexMatchStatement(r -> r.regexString("(?i)caf\u00e9\\s+\\d+")
        .fieldToMatch(f -> f.singleQueryArgument(a -> a.name("q"))).textTransformations(tts(TextTransformationType.URL_DECODE))).build();
    assertThat(blocks(rx, get("/?q=CAF%C3%A9%20%2042"))).isTrue(); // UTF-8 decoded before the regex
    assertThat(blocks(rx, get("/?q=cafe 42"))).isFalse();
    assertThatThrownBy(() -> blocks(Statement.builder().regexMatchStatement(r -> r.regexString("(a")
        .fieldToMatch(uriPath()).textTransformations(tts())).build(), get("/"))).isInstanceOf(WafCompileException.class);
  }

  @Test
  void labelMatchByLabelAndNamespace() {
    Statement tagAdmin = byteMatch(uriPath(), "/admin", PositionalConstraint.STARTS_WITH);
    Statement byLabel = Statement.builder().labelMatchStatement(l -> l.scope(LabelMatchScope.LABEL).key("area:admin")).build();
    Statement byFullLabel = Statement.builder().labelMatchStatement(l -> l.scope(LabelMatchScope.LABEL)
        .key("awswaf:123456789012:webacl:test:area:admin")).build();
    Statement byNamespace = Statement.builder().labelMatchStatement(l -> l.scope(LabelMatchScope.NAMESPACE).key("area:")).build();
    for (Statement s : List.of(byLabel, byFullLabel, byNamespace)) {
      var a = acl(rule("tag", 0, tagAdmin, count(), "area:admin"), rule("use", 1, s, block()));
      assertThat(eval(a, get("/admin/x")).action()).isEqualTo(WafAction.BLOCK);
      assertThat(eval(a, get("/admin/x")).labels()).containsExactly("awswaf:123456789012:webacl:test:area:admin");
      assertThat(eval(a, get("/public")).action()).isEqualTo(WafAction.ALLOW);
    }
    // a label added by a later rule is not visible to an earlier one
    var reversed = acl(rule("use", 0, byLabel, block()), rule("tag", 1, tagAdmin, count(), "area:admin"));
    assertThat(eval(reversed, get("/admin/x")).action()).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void andOrNot() {
    Statement a = byteMatch(header("x-a"), "1", PositionalConstraint.EXACTLY);
    Statement b = byteMatch(header("x-b"), "1", PositionalConstraint.EXACTLY);
    Statement and = Statement.builder().andStatement(x -> x.statements(a, b)).build();
    Statement or = Statement.builder().orStatement(x -> x.statements(a, b)).build();
    Statement not = Statement.builder().notStatement(x -> x.statement(a)).build();
    assertThat(blocks(and, get("/").header("x-a", "1").header("x-b", "1"))).isTrue();
    assertThat(blocks(and, get("/").header("x-a", "1"))).isFalse();
    assertThat(blocks(or, get("/").header("x-b", "1"))).isTrue();
    assertThat(blocks(or, get("/"))).isFalse();
    assertThat(blocks(not, get("/"))).isTrue();
    assertThat(blocks(not, get("/").header("x-a", "1"))).isFalse();
  }

  @Test
  void asnMatchWhereTheAsnIsKnown() {
    IpIntel intel = new IpIntel() {
      @Override public Optional<String> country(InetAddress a) { return Optional.empty(); }

      @Override public OptionalLong asn(InetAddress a) {
        return a.getHostAddress().equals("192.0.2.1") ? OptionalLong.of(64500) : OptionalLong.empty();
      }
    };
    Statement s = Statement.builder().asnMatchStatement(x -> x.asnList(64500L)).build();
    var c = new WafEngine(fixedClock(), intel).compile(acl(rule("asn", 0, s, block())), WafLookups.none());
    assertThat(c.evaluate(get("/").client("192.0.2.1").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.BLOCK);
    assertThat(c.evaluate(get("/").client("192.0.2.2").view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void sizeConstraintOperators() {
    for (var op : Map.of("EQ", true, "NE", false, "LE", true, "LT", false, "GE", true, "GT", false).entrySet()) {
      Statement s = Statement.builder().sizeConstraintStatement(z -> z.fieldToMatch(header("x-a"))
          .comparisonOperator(op.getKey()).size(3L).textTransformations(tts())).build();
      assertThat(blocks(s, get("/").header("x-a", "abc"))).as(op.getKey()).isEqualTo(op.getValue());
    }
  }

  @Test
  void ruleGroupStatementsMayNotBeNested() {
    Statement managed = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS").name(ManagedRuleGroups.COMMON_RULE_SET)).build();
    Statement nested = Statement.builder().notStatement(n -> n.statement(managed)).build();
    assertThatThrownBy(() -> blocks(nested, get("/"))).isInstanceOf(WafCompileException.class);
  }
}
