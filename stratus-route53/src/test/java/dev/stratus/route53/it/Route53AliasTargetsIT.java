package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.route53.RecordSetOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TestDnsAnswerResponse;

/**
 * Alias targets Route 53 refuses and accepts (route53.md §16), through Route53Client: a
 * HostedZoneId that is neither a zone of the account nor an AWS service's canonical zone, or one
 * that does not hold the alias's DNSName, is InvalidChangeBatch with AWS's text.
 */
class Route53AliasTargetsIT extends Route53ItSupport {

  static Change alias(String name, String setId, String region, String zoneId, String dnsName) {
    var rrs = ResourceRecordSet.builder().name(name).type("A").setIdentifier(setId).region(region)
        .aliasTarget(t -> t.hostedZoneId(zoneId).dnsName(dnsName).evaluateTargetHealth(true)).build();
    return change(ChangeAction.CREATE, rrs);
  }

  /** Seed 001's boto3 latency pair as written: HostedZoneId "Z..." for both ALBs. */
  @Test
  void seed001_latencyPairWithPlaceholderZoneId_isRefusedAsAws() {
    String zone = zone("myapp.com");
    String refused = message(() -> change(zone,
        alias("api.myapp.com", "eu-west-1", "eu-west-1", "Z...", "alb-eu.elb.amazonaws.com"),
        alias("api.myapp.com", "us-east-1", "us-east-1", "Z...", "alb-us.elb.amazonaws.com")));

    assertThat(refused).isEqualTo("[Tried to create an alias that targets alb-eu.elb.amazonaws.com., type A in zone Z..., "
        + "but the alias target name does not lie within the target zone, Tried to create an alias that targets "
        + "alb-us.elb.amazonaws.com., type A in zone Z..., but the alias target name does not lie within the target zone]");
    assertAwsError(() -> change(zone, alias("api.myapp.com", "eu-west-1", "eu-west-1", "Z...", "alb-eu.elb.amazonaws.com")),
        "InvalidChangeBatch", 400);
    assertThat(r53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets()).hasSize(2);
  }

  @Test
  void serviceZone_nameOfAnotherRegionOrService_isRefused() {
    String zone = zone("myapp.com");
    // The ALB zone of us-east-1 does not hold an eu-west-1 load balancer, nor a CloudFront name.
    assertThat(message(() -> change(zone, alias("api.myapp.com", "eu", "eu-west-1", "Z35SXDOTRQ7X7K",
        "web-1.eu-west-1.elb.amazonaws.com")))).contains("does not lie within the target zone");
    assertThat(message(() -> change(zone, alias("api.myapp.com", "eu", "eu-west-1", "Z2FDTNDATAQYW2",
        "web-1.eu-west-1.elb.amazonaws.com")))).contains("type A in zone Z2FDTNDATAQYW2, but the alias target name");
  }

  @Test
  void otherZoneOfTheAccount_nameOutsideIt_isRefused() {
    String zone = zone("myapp.com");
    String other = zone("other.net");
    String refused = message(() -> change(zone, alias("api.myapp.com", "a", "us-east-1", other, "alb-us.elb.amazonaws.com")));
    assertThat(refused).isEqualTo("[Tried to create an alias that targets alb-us.elb.amazonaws.com., type A in zone "
        + other + ", but the alias target name does not lie within the target zone]");
  }

  /**
   * A well-formed alias to each AWS service zone is accepted; Stratus holds none of these names,
   * so the alias answers as the service's DNS would for a missing resource (no address), and the
   * change is logged as a warning naming the target.
   */
  @Test
  void wellFormedServiceAliases_unheldNames_areAcceptedAnswerNoAddressAndWarn() {
    List<LogRecord> logged = new ArrayList<>();
    Handler capture = new Handler() {
      @Override public void publish(LogRecord r) { logged.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    Logger logger = Logger.getLogger(RecordSetOperations.class.getName());
    logger.addHandler(capture);
    try {
      String zone = zone("myapp.com");
      change(zone,
          alias("api.myapp.com", "eu-west-1", "eu-west-1", "Z32O12XQLNTSW2", "dualstack.alb-eu-123.eu-west-1.elb.amazonaws.com"),
          alias("api.myapp.com", "us-east-1", "us-east-1", "Z26RNL4JYFTOTI", "nlb-us-456.elb.us-east-1.amazonaws.com"),
          alias("api.myapp.com", "ap", "ap-southeast-2", "Z2RPCDW04V8134", "d-abc123.execute-api.ap-southeast-2.amazonaws.com"));
      change(zone, change(ChangeAction.CREATE, ResourceRecordSet.builder().name("cdn.myapp.com").type("A")
              .aliasTarget(t -> t.hostedZoneId("Z2FDTNDATAQYW2").dnsName("d111111abcdef8.cloudfront.net").evaluateTargetHealth(false)).build()),
          change(ChangeAction.CREATE, ResourceRecordSet.builder().name("ga.myapp.com").type("A")
              .aliasTarget(t -> t.hostedZoneId("Z2BJ6XQ5FK7U4H").dnsName("a1234567890abcdef.awsglobalaccelerator.com").evaluateTargetHealth(false)).build()),
          change(ChangeAction.CREATE, ResourceRecordSet.builder().name("myapp.com").type("A")
              .aliasTarget(t -> t.hostedZoneId("Z3AQBSTGFYJSTF").dnsName("s3-website-us-east-1.amazonaws.com").evaluateTargetHealth(false)).build()));

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        TestDnsAnswerResponse cdn = r53.testDNSAnswer(b -> b.hostedZoneId(zone).recordName("cdn.myapp.com").recordType("A"));
        assertThat(cdn.responseCode()).isEqualTo("NOERROR");
        assertThat(cdn.recordData()).isEmpty();
      });
      assertThat(r53.testDNSAnswer(b -> b.hostedZoneId(zone).recordName("api.myapp.com").recordType("A")
          .edns0ClientSubnetIP("3.80.0.1")).recordData()).isEmpty();
      assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).extracting(LogRecord::getMessage)
          .anySatisfy(m -> assertThat(m).contains("dualstack.alb-eu-123.eu-west-1.elb.amazonaws.com.")
              .contains("which no Stratus service holds"))
          .anySatisfy(m -> assertThat(m).contains("d111111abcdef8.cloudfront.net."))
          .hasSize(6);
    } finally {
      logger.removeHandler(capture);
    }
  }
}
