package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Elbv2NamesTest {

  @Test
  void awsForm_ofAnAlbName_putsTheRegionBeforeElb() {
    assertThat(Elbv2Names.awsDnsName("web-1234567890.us-east-1.elb.localhost", "application"))
        .isEqualTo("web-1234567890.us-east-1.elb.amazonaws.com");
  }

  @Test
  void awsForm_ofAnNlbName_putsElbBeforeTheRegion() {
    assertThat(Elbv2Names.awsDnsName("internal-tcp-1234567890.eu-west-1.elb.localhost", "network"))
        .isEqualTo("internal-tcp-1234567890.elb.eu-west-1.amazonaws.com");
  }

  @Test
  void canonicalZones_comeFromAwsTable_perType() {
    assertThat(Elbv2Names.canonicalHostedZoneId("eu-north-1", "application")).isEqualTo("Z23TAZ6LKFMNIO");
    assertThat(Elbv2Names.canonicalHostedZoneId("us-east-1", "network")).isEqualTo("Z26RNL4JYFTOTI");
    assertThat(Elbv2Names.canonicalHostedZoneId("us-east-1", "gateway")).isNull();
  }
}
