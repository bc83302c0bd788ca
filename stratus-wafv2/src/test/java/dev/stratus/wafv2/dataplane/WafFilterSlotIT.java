package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.http.HttpRequestView;
import dev.stratus.core.http.WebAcls;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.wafv2.Wafv2Module;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * The WAF slot for the resources whose own data planes consult it: an API Gateway REST stage
 * (AssociateWebACL) and a CloudFront distribution (its WebACLId, told to WAF through core's
 * {@link WebAcls}). The filter is called as those data planes call it.
 */
class WafFilterSlotIT {
  static ApiTestServer server;
  static Wafv2Module module;
  static HttpFilterRegistry registry;

  @BeforeAll
  static void start() {
    module = new Wafv2Module();
    server = ApiTestServer.start(Clock.systemUTC(), module);
    registry = server.context().extensions().find(HttpFilterRegistry.class).orElseThrow();
  }

  @AfterAll
  static void stop() { server.close(); }

  static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
  }

  static WebACLSummary blockingAcl(Wafv2Client waf, Scope scope, String name, String cidr) {
    String set = waf.createIPSet(r -> r.name(name + "-set").scope(scope).ipAddressVersion(IPAddressVersion.IPV4)
        .addresses(cidr)).summary().arn();
    return waf.createWebACL(r -> r.name(name).scope(scope).defaultAction(d -> d.allow(AllowAction.builder().build()))
        .rules(Rule.builder().name("deny").priority(0).action(a -> a.block(BlockAction.builder().build()))
            .statement(s -> s.ipSetReferenceStatement(i -> i.arn(set))).visibilityConfig(vis("deny")).build())
        .visibilityConfig(vis(name))).summary();
  }

  static FilterVerdict call(String resourceArn, String from) {
    var filter = registry.find(resourceArn, FilterSlot.WAF).orElseThrow();
    return filter.filter(new HttpRequestView("GET", "/", "HTTP/1.1", Map.of("host", List.of("x")),
        ByteBuffer.allocate(0), new InetSocketAddress(from, 40000), false));
  }

  @Test
  void apiGatewayStage_associated_getsTheFilter_untilDisassociated() {
    var waf = server.client(Wafv2Client.builder());
    var acl = blockingAcl(waf, Scope.REGIONAL, "stage-acl", "198.51.100.0/24");
    String stage = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod";
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(stage));
    module.dataPlane().awaitCurrent();
    assertThat(call(stage, "198.51.100.9")).isInstanceOfSatisfying(FilterVerdict.Respond.class, r -> {
      assertThat(r.status()).isEqualTo(403);
      assertThat(new String(r.body(), StandardCharsets.US_ASCII)).contains("<h1>403 Forbidden</h1>");
    });
    assertThat(call(stage, "203.0.113.9")).isEqualTo(FilterVerdict.CONTINUE);
    waf.disassociateWebACL(r -> r.resourceArn(stage));
    module.dataPlane().awaitCurrent();
    assertThat(registry.find(stage, FilterSlot.WAF)).isEmpty();
  }

  @Test
  void cloudFrontDistribution_namingAWebAcl_getsTheFilter_andHoldsTheWebAcl() {
    var cf = server.client(Wafv2Client.builder(), Region.US_EAST_1);
    var acl = blockingAcl(cf, Scope.CLOUDFRONT, "edge-acl", "192.0.2.0/24");
    var regional = blockingAcl(cf, Scope.REGIONAL, "not-edge", "192.0.2.0/24");
    WebAcls webAcls = server.context().extensions().find(WebAcls.class).orElseThrow();
    assertThat(webAcls.existsForCloudFront(acl.arn())).isTrue();
    assertThat(webAcls.existsForCloudFront(regional.arn())).isFalse();
    assertThat(webAcls.existsForCloudFront(acl.arn().replace(acl.id(), "00000000-0000-4000-8000-000000000000"))).isFalse();

    String distribution = "arn:aws:cloudfront::000000000000:distribution/E2QWRUHAPOMQZL";
    webAcls.use(distribution, acl.arn());
    module.dataPlane().awaitCurrent();
    assertThat(call(distribution, "192.0.2.7")).isInstanceOf(FilterVerdict.Respond.class);
    assertThat(call(distribution, "203.0.113.7")).isEqualTo(FilterVerdict.CONTINUE);
    String lock = cf.getWebACL(r -> r.scope(Scope.CLOUDFRONT).name("edge-acl").id(acl.id())).lockToken();
    assertThatThrownBy(() -> cf.deleteWebACL(r -> r.scope(Scope.CLOUDFRONT).name("edge-acl").id(acl.id()).lockToken(lock)))
        .isInstanceOf(WafAssociatedItemException.class);

    webAcls.use(distribution, null);
    module.dataPlane().awaitCurrent();
    assertThat(registry.find(distribution, FilterSlot.WAF)).isEmpty();
    cf.deleteWebACL(r -> r.scope(Scope.CLOUDFRONT).name("edge-acl").id(acl.id()).lockToken(lock));
  }
}
