package dev.stratus.ec2.insights;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathRulesTest {
  @Test
  void protocol_tcpOrUdpOnly() {
    assertViolation(PathRules.protocol("icmp"), "InvalidParameterValue",
        "Value (icmp) for parameter Protocol is invalid. Valid values are tcp and udp.");
    assertThat(PathRules.protocol("tcp")).isEmpty();
    assertThat(PathRules.protocol("udp")).isEmpty();
  }

  @Test
  void destination_resourceOrFilterAddress() {
    assertViolation(PathRules.destination(null, null), "MissingParameter", "The request must include either the"
        + " Destination parameter or the FilterAtSource.DestinationAddress parameter. Add the required parameter and"
        + " retry the request.");
    assertThat(PathRules.destination("i-1", null)).isEmpty();
    assertThat(PathRules.destination(null, "10.0.0.5")).isEmpty();
  }

  @Test
  void address_oneIpv4OrIpv6Address() {
    assertViolation(PathRules.address("SourceIp", "10.0.0.0/24"), "InvalidParameterValue",
        "Value (10.0.0.0/24) for parameter SourceIp is invalid. It must be an IPv4 or IPv6 address.");
    assertViolation(PathRules.address("DestinationIp", "ten"), "InvalidParameterValue",
        "Value (ten) for parameter DestinationIp is invalid. It must be an IPv4 or IPv6 address.");
    assertThat(PathRules.address("SourceIp", null)).isEmpty();
    assertThat(PathRules.address("SourceIp", "10.0.0.5")).isEmpty();
    assertThat(PathRules.address("SourceIp", "2001:db8::5")).isEmpty();
    assertThat(PathRules.address("SourceIp", "10.0.0.5/32")).isEmpty();
  }

  @Test
  void port_zeroTo65535() {
    assertViolation(PathRules.port(65536), "InvalidParameterValue",
        "Value (65536) for parameter DestinationPort is invalid. It must be between 0 and 65535.");
    assertViolation(PathRules.port(-1), "InvalidParameterValue",
        "Value (-1) for parameter DestinationPort is invalid. It must be between 0 and 65535.");
    assertThat(PathRules.port(null)).isEmpty();
    assertThat(PathRules.port(443)).isEmpty();
  }
}
