package dev.stratus.wafv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafInvalidParameterException;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;

/** WAFv2's read operations through the real SDK client, including the CLOUDFRONT-scope trap. */
class WafReadIT {
  static ApiTestServer server;

  @BeforeAll
  static void start() { server = ApiTestServer.start(Clock.systemUTC(), new Wafv2Module()); }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void listWebACLs_regional_isEmpty() {
    var waf = server.client(Wafv2Client.builder());
    assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs()).isEmpty();
  }

  @Test
  void listWebACLs_cloudFrontScopeInUsEast1_isAllowed() {
    var waf = server.client(Wafv2Client.builder(), Region.US_EAST_1);
    assertThat(waf.listWebACLs(r -> r.scope(Scope.CLOUDFRONT)).webACLs()).isEmpty();
  }

  @Test
  void listWebACLs_cloudFrontScopeElsewhere_isInvalidScope() {
    var waf = server.client(Wafv2Client.builder(), Region.EU_WEST_1);
    assertThatThrownBy(() -> waf.listWebACLs(r -> r.scope(Scope.CLOUDFRONT)))
        .isInstanceOfSatisfying(WafInvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Error reason: The scope is not valid., field: SCOPE_VALUE, parameter: CLOUDFRONT"));
    assertThatThrownBy(() -> waf.listWebACLs(r -> r.scope(Scope.CLOUDFRONT)))
        .isInstanceOfSatisfying(WafInvalidParameterException.class, e -> {
          assertThat(e.fieldAsString()).isEqualTo("SCOPE_VALUE");
          assertThat(e.parameter()).isEqualTo("CLOUDFRONT");
          assertThat(e.reason()).isEqualTo("The scope is not valid.");
        });
  }

  @Test
  void getWebACL_unknown_isNonexistentItem() {
    var waf = server.client(Wafv2Client.builder());
    assertThatThrownBy(() -> waf.getWebACL(r -> r.scope(Scope.REGIONAL).name("x").id("8a2c1f0e-0000-4000-8000-000000000000")))
        .isInstanceOf(WafNonexistentItemException.class);
  }
}
