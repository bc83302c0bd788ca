package dev.stratus.elbv2.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleMatcherTest {
  static Condition cond(String field, String... values) { return new Condition(field, List.of(values), null, null); }

  @Test
  void wildcards_starIsAnyRun_questionIsOneChar() {
    assertThat(Wildcards.matches("/img/*", "/img/a/b.jpg", false)).isTrue();
    assertThat(Wildcards.matches("/img/?.jpg", "/img/a.jpg", false)).isTrue();
    assertThat(Wildcards.matches("/img/?.jpg", "/img/ab.jpg", false)).isFalse();
    assertThat(Wildcards.matches("*a*b*c*", "xxaxxbxxcxx", false)).isTrue();
    assertThat(Wildcards.matches("*a*b*c*d", "a".repeat(50) + "bc", false)).isFalse();
  }

  @Test
  void hostHeader_isCaseInsensitive_andStarDotDoesNotMatchApex() {
    var c = cond("host-header", "*.example.com");
    assertThat(RuleMatcher.matches(c, Requests.get("/").host("Test.EXAMPLE.com").view())).isTrue();
    assertThat(RuleMatcher.matches(c, Requests.get("/").host("example.com").view())).isFalse();
  }

  @Test
  void pathPattern_isCaseSensitive_andIgnoresTheQuery() {
    var c = cond("path-pattern", "/api/*");
    assertThat(RuleMatcher.matches(c, Requests.get("/api/users").query("a", "b").view())).isTrue();
    assertThat(RuleMatcher.matches(c, Requests.get("/API/users").view())).isFalse();
  }

  @Test
  void method_isExactAndCaseSensitive() {
    var c = cond("http-request-method", "POST", "PUT");
    assertThat(RuleMatcher.matches(c, Requests.get("/").method("PUT").view())).isTrue();
    assertThat(RuleMatcher.matches(c, Requests.get("/").method("post").view())).isFalse();
  }

  @Test
  void sourceIp_isTheImmediatePeer_notXForwardedFor() {
    var c = cond("source-ip", "127.61.0.0/16", "2001:db8::/32");
    assertThat(RuleMatcher.matches(c, Requests.get("/").from("127.61.3.4").view())).isTrue();
    assertThat(RuleMatcher.matches(c, Requests.get("/").from("127.0.0.1").header("X-Forwarded-For", "127.61.3.4").view())).isFalse();
    assertThat(RuleMatcher.matches(c, Requests.get("/").from("2001:db8::1").view())).isTrue();
  }

  @Test
  void httpHeader_nameAndValueCaseInsensitive_withWildcards() {
    var c = new Condition("http-header", List.of("*mobile*"), "User-Agent", null);
    assertThat(RuleMatcher.matches(c, Requests.get("/").header("user-agent", "Foo MOBILE Safari").view())).isTrue();
    assertThat(RuleMatcher.matches(c, Requests.get("/").header("user-agent", "desktop").view())).isFalse();
  }

  @Test
  void queryString_keyValueOrValueOnly_caseInsensitive() {
    var kv = new Condition("query-string", null, null, List.of(new Condition.QueryValue("version", "v1*")));
    var valueOnly = new Condition("query-string", null, null, List.of(new Condition.QueryValue(null, "beta")));
    assertThat(RuleMatcher.matches(kv, Requests.get("/").query("Version", "V1.2").view())).isTrue();
    assertThat(RuleMatcher.matches(kv, Requests.get("/").query("other", "v1").view())).isFalse();
    assertThat(RuleMatcher.matches(valueOnly, Requests.get("/").query("channel", "BETA").view())).isTrue();
  }

  @Test
  void conditions_areAnded_valuesAreOred() {
    var conds = List.of(cond("host-header", "a.example.com", "b.example.com"), cond("path-pattern", "/x"));
    assertThat(RuleMatcher.matches(conds, Requests.get("/x").host("b.example.com").view())).isTrue();
    assertThat(RuleMatcher.matches(conds, Requests.get("/y").host("b.example.com").view())).isFalse();
  }
}
