package dev.stratus.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.acm.AcmModule;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * ACM's DeleteCertificate while an API Gateway custom domain names the certificate: refused with
 * AWS's ResourceInUseException (and the domain in InUseBy) for a v1 EDGE domain, a v1 REGIONAL
 * one and a v2 one; allowed once the domain is gone. Through the real ACM and API Gateway clients.
 */
class DomainCertificateInUseIT {
  static ApiTestServer server;
  static ApiGatewayClient v1;
  static ApiGatewayV2Client v2;
  static AcmClient acm;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new AcmModule(), new ApiGatewayModule(0));
    // UpdateDomainName is a PATCH, which the URL-connection client cannot send.
    v1 = server.client(ApiGatewayClient.builder(), ApacheHttpClient.create());
    v2 = server.client(ApiGatewayV2Client.builder());
    acm = server.client(AcmClient.builder());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static String certificate(String domain) {
    return acm.requestCertificate(r -> r.domainName(domain).validationMethod("DNS")).certificateArn();
  }

  static void assertInUse(String arn, String domainArn) {
    assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(arn)))
        .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Certificate " + arn + " in account " + arn.split(":")[4] + " is in use.");
        });
    var detail = acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    assertThat(detail.inUseBy()).containsExactly(domainArn);
  }

  @Test
  void v1EdgeDomain_holdsItsCertificate_untilDeleted() {
    String arn = certificate("edge.inuse.example.com");
    var d = v1.createDomainName(r -> r.domainName("edge.inuse.example.com").certificateArn(arn)
        .endpointConfiguration(e -> e.types(EndpointType.EDGE)));
    assertInUse(arn, "arn:aws:apigateway:us-east-1::/domainnames/edge.inuse.example.com");
    assertThat(d.distributionDomainName()).isNotNull();
    v1.deleteDomainName(r -> r.domainName("edge.inuse.example.com"));
    acm.deleteCertificate(r -> r.certificateArn(arn));
  }

  @Test
  void v1RegionalDomain_holdsItsCertificate_untilMovedToAnother() {
    String first = certificate("regional.inuse.example.com");
    String second = certificate("regional.inuse.example.com");
    v1.createDomainName(r -> r.domainName("regional.inuse.example.com").regionalCertificateArn(first)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    assertInUse(first, "arn:aws:apigateway:us-east-1::/domainnames/regional.inuse.example.com");
    v1.updateDomainName(r -> r.domainName("regional.inuse.example.com").patchOperations(p -> p.op("replace")
        .path("/regionalCertificateArn").value(second)));
    acm.deleteCertificate(r -> r.certificateArn(first)); // released
    assertInUse(second, "arn:aws:apigateway:us-east-1::/domainnames/regional.inuse.example.com");
    v1.deleteDomainName(r -> r.domainName("regional.inuse.example.com"));
    acm.deleteCertificate(r -> r.certificateArn(second));
  }

  @Test
  void v2Domain_holdsItsCertificate_untilDeleted() {
    String arn = certificate("v2.inuse.example.com");
    v2.createDomainName(r -> r.domainName("v2.inuse.example.com")
        .domainNameConfigurations(c -> c.certificateArn(arn).endpointType("REGIONAL")));
    assertInUse(arn, "arn:aws:apigateway:us-east-1::/domainnames/v2.inuse.example.com");
    v2.deleteDomainName(r -> r.domainName("v2.inuse.example.com"));
    acm.deleteCertificate(r -> r.certificateArn(arn));
  }
}
