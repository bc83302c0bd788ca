package dev.stratus.wafv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.wafv2.model.*;

/** Stored web ACLs come back as they went in: nested statements, bytes, maps, enums, empty lists. */
class SdkJsonTest {

  @Test
  void webAcl_roundTrips_field_for_field() {
    Statement byteMatch = Statement.builder().byteMatchStatement(b -> b
        .searchString(SdkBytes.fromUtf8String("/admin\u0000é")).positionalConstraint(PositionalConstraint.STARTS_WITH)
        .fieldToMatch(f -> f.singleHeader(h -> h.name("x-path")))
        .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.URL_DECODE).build(),
            TextTransformation.builder().priority(1).type(TextTransformationType.LOWERCASE).build())).build();
    Statement json = Statement.builder().sqliMatchStatement(q -> q.sensitivityLevel(SensitivityLevel.HIGH)
        .fieldToMatch(f -> f.jsonBody(j -> j.matchPattern(p -> p.all(All.builder().build()))
            .matchScope(JsonMatchScope.VALUE).oversizeHandling(OversizeHandling.MATCH)))
        .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build())).build();
    WebACL acl = WebACL.builder().name("n").id("i").arn("arn:aws:wafv2:us-east-1:000000000000:regional/webacl/n/i")
        .defaultAction(d -> d.block(b -> b.customResponse(c -> c.responseCode(418).customResponseBodyKey("k")
            .responseHeaders(CustomHTTPHeader.builder().name("a").value("b").build()))))
        .rules(Rule.builder().name("r").priority(3).action(a -> a.count(CountAction.builder().build()))
                .ruleLabels(Label.builder().name("ns:x").build())
                .statement(s -> s.andStatement(a -> a.statements(byteMatch, Statement.builder().notStatement(n -> n.statement(json)).build())))
                .visibilityConfig(v -> v.metricName("r").sampledRequestsEnabled(false).cloudWatchMetricsEnabled(true)).build(),
            Rule.builder().name("crs").priority(4).overrideAction(o -> o.none(NoneAction.builder().build()))
                .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name("AWSManagedRulesCommonRuleSet")
                    .ruleActionOverrides(RuleActionOverride.builder().name("SizeRestrictions_BODY")
                        .actionToUse(a -> a.count(CountAction.builder().build())).build())))
                .visibilityConfig(v -> v.metricName("crs").sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true)).build())
        .customResponseBodies(Map.of("k", CustomResponseBody.builder().contentType(ResponseContentType.TEXT_HTML)
            .content("<p>no</p>").build()))
        .tokenDomains(List.of())
        .capacity(725L).managedByFirewallManager(false)
        .visibilityConfig(v -> v.metricName("n").sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true)).build();

    WebACL back = SdkJson.read(SdkJson.write(acl), WebACL.builder());

    assertThat(back).isEqualTo(acl);
    assertThat(back.rules().get(0).statement().andStatement().statements().get(0).byteMatchStatement().searchString()
        .asUtf8String()).isEqualTo("/admin\u0000é");
    assertThat(back.hasTokenDomains()).isTrue();
    assertThat(back.associationConfig()).isNull();
  }

  @Test
  void capacity_ofNestedStatements_isTheSumOfTheirCosts() {
    Statement geo = Statement.builder().geoMatchStatement(g -> g.countryCodes(CountryCode.US)).build();
    Statement xss = Statement.builder().xssMatchStatement(x -> x.fieldToMatch(f -> f.jsonBody(j -> j
            .matchPattern(p -> p.all(All.builder().build())).matchScope(JsonMatchScope.ALL)))
        .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.HTML_ENTITY_DECODE).build()))
        .build();
    Statement regexSet = Statement.builder().regexPatternSetReferenceStatement(r -> r.arn("a")
        .fieldToMatch(f -> f.allQueryArguments(AllQueryArguments.builder().build()))
        .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build())).build();
    Statement rate = Statement.builder().rateBasedStatement(r -> r.limit(100L).scopeDownStatement(geo)).build();
    Statement tree = Statement.builder().orStatement(o -> o.statements(geo,
        Statement.builder().notStatement(n -> n.statement(xss)).build(), regexSet, rate)).build();
    // geo 1 + xss (40 × 2 for JSON body + 10 transformation) 90 + regex set (25 + 10 all query args) 35 + rate (2 + geo 1) 3
    assertThat(Capacity.of(tree, arn -> 0)).isEqualTo(129L);
    assertThat(Capacity.of(Statement.builder().ruleGroupReferenceStatement(g -> g.arn("rg")).build(), arn -> 77)).isEqualTo(77L);
  }
}
