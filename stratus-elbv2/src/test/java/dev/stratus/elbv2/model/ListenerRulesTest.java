package dev.stratus.elbv2.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerRulesTest {
  static Action fixed(String status) { return new Action("fixed-response", 1, null, null, new Action.FixedResponse(status, "text/plain", status)); }

  static Rule rule(int priority, String path, Action... actions) {
    return new Rule("r" + priority, "l", priority, List.of(new Condition("path-pattern", List.of(path), null, null)), List.of(actions));
  }

  @Test
  void lowestPriorityMatchWins_regardlessOfCreationOrder_elseDefault() {
    var rules = new ListenerRules(List.of(rule(20, "/a*", fixed("201")), rule(5, "/ab", fixed("202"))), List.of(fixed("404")));
    assertThat(rules.terminalAction(Requests.get("/ab").view()).fixedResponse().statusCode()).isEqualTo("202");
    assertThat(rules.terminalAction(Requests.get("/ac").view()).fixedResponse().statusCode()).isEqualTo("201");
    assertThat(rules.terminalAction(Requests.get("/z").view()).fixedResponse().statusCode()).isEqualTo("404");
    assertThat(rules.match(Requests.get("/z").view())).isEmpty();
  }

  @Test
  void terminalAction_isTheLastByOrder_afterAuthenticate() {
    var auth = new Action("authenticate-oidc", 1, null, null, null);
    var fwd = new Action("forward", 2, new Action.Forward(List.of(new Action.WeightedTargetGroup("tg", 1)), false, null), null, null);
    var rules = new ListenerRules(List.of(), List.of(fwd, auth));
    assertThat(rules.terminalAction(Requests.get("/").view()).type()).isEqualTo("forward");
  }

  @Test
  void redirect_fillsPlaceholders_dropsDefaultPort_andPathLosesItsSlash() {
    var toHttps = new Action.Redirect("HTTPS", "443", null, null, null, "HTTP_301");
    var view = Requests.get("/a/b").host("www.example.com").query("x", "1").view();
    assertThat(Redirects.location(toHttps, view)).isEqualTo("https://www.example.com/a/b?x=1");
    assertThat(Redirects.statusCode(toHttps)).isEqualTo(301);
    var moved = new Action.Redirect(null, null, "new.#{host}", "/v2/#{path}", "src=#{query}", "HTTP_302");
    assertThat(Redirects.location(moved, view)).isEqualTo("http://new.www.example.com/v2/a/b?src=x=1");
    assertThat(Redirects.statusCode(moved)).isEqualTo(302);
    var port = new Action.Redirect(null, "8443", null, null, "", "HTTP_301");
    assertThat(Redirects.location(port, view)).isEqualTo("http://www.example.com:8443/a/b");
  }
}
