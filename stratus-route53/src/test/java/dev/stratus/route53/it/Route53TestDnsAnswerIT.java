package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TestDnsAnswerResponse;

/**
 * TestDNSAnswer through Route53Client, answered by the module's running data plane: the same
 * decision engine as the DNS server (latency routing by the client subnet, NXDOMAIN / NODATA).
 */
class Route53TestDnsAnswerIT extends Route53ItSupport {

  private TestDnsAnswerResponse test(String zoneId, String name, String type, String subnet) {
    return r53.testDNSAnswer(b -> b.hostedZoneId(zoneId).recordName(name).recordType(type).edns0ClientSubnetIP(subnet));
  }

  private static ResourceRecordSet latency(String region, String value) {
    return a("api.example.com", 60, value).setIdentifier(region).region(region).build();
  }

  @Test
  void testDnsAnswer_latencyRecords_answerOfTheClientSubnetsRegion() {
    String zone = zone("example.com");
    change(zone, change(ChangeAction.CREATE, latency("us-east-1", "192.0.2.1")),
        change(ChangeAction.CREATE, latency("ap-southeast-2", "192.0.2.2")));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(test(zone, "api.example.com", "A", "1.120.0.1").recordData()).containsExactly("192.0.2.2"));
    TestDnsAnswerResponse fromUs = test(zone, "api.example.com", "A", "3.80.0.1");
    assertThat(fromUs.recordData()).containsExactly("192.0.2.1");
    assertThat(fromUs.responseCode()).isEqualTo("NOERROR");
    assertThat(fromUs.protocol()).isEqualTo("UDP");
    assertThat(fromUs.recordName()).isEqualTo("api.example.com");
    assertThat(fromUs.recordTypeAsString()).isEqualTo("A");
    assertThat(fromUs.nameserver()).contains("awsdns");
  }

  @Test
  void testDnsAnswer_missingNameAndOtherType_nxdomainAndNodata() {
    String zone = zone("example.com");
    change(zone, change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.9").build()));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(test(zone, "www.example.com", "A", null).recordData()).containsExactly("192.0.2.9"));
    TestDnsAnswerResponse missing = test(zone, "nope.example.com", "A", null);
    assertThat(missing.responseCode()).isEqualTo("NXDOMAIN");
    assertThat(missing.recordData()).isEmpty();
    TestDnsAnswerResponse otherType = test(zone, "www.example.com", "AAAA", null);
    assertThat(otherType.responseCode()).isEqualTo("NOERROR");
    assertThat(otherType.recordData()).isEmpty();
  }

  @Test
  void testDnsAnswer_unknownZone_noSuchHostedZone() {
    assertAwsError(() -> test("ZNOSUCHZONE", "www.example.com", "A", null), "NoSuchHostedZone", 404);
  }
}
