package dev.stratus.ec2.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CidrRulesTest {
  private final List<Cidr> tenNet = List.of(Cidr.parse("10.0.0.0/16"));

  private CidrRules.SecondaryViolation check(String candidate, String... routes) {
    return CidrRules.checkSecondary(tenNet, Cidr.parse(candidate),
        java.util.Arrays.stream(routes).map(Cidr::parse).toList()).orElse(null);
  }

  @Test
  @DisplayName("vpc.md §1: /16–/28 only")
  void validSize_outsideSixteenToTwentyEight_false() {
    assertThat(CidrRules.validSize(Cidr.parse("10.0.0.0/8"))).isFalse();
    assertThat(CidrRules.validSize(Cidr.parse("10.0.0.0/29"))).isFalse();
    assertThat(CidrRules.validSize(Cidr.parse("10.0.0.0/28"))).isTrue();
  }

  @Test
  @DisplayName("vpc.md §3: RFC 1918 families do not mix; 100.64/10 goes with any")
  void checkSecondary_rfc1918Mix_refused() {
    assertThat(check("172.16.0.0/16")).isEqualTo(CidrRules.SecondaryViolation.FAMILY);
    assertThat(check("192.168.0.0/16")).isEqualTo(CidrRules.SecondaryViolation.FAMILY);
    assertThat(check("100.64.0.0/16")).isNull();
    assertThat(check("10.1.0.0/16")).isNull();
  }

  @Test
  @DisplayName("vpc.md §3: 169.254/16 and 198.19/16 are restricted")
  void checkSecondary_restrictedRanges_refused() {
    assertThat(check("169.254.0.0/16")).isEqualTo(CidrRules.SecondaryViolation.RESTRICTED);
    assertThat(check("198.19.0.0/16")).isEqualTo(CidrRules.SecondaryViolation.RESTRICTED);
  }

  @Test
  @DisplayName("vpc.md §2: overlap refused; a /24 route blocks the /24 but not a /25")
  void checkSecondary_overlapAndRoutes() {
    assertThat(check("10.0.128.0/17")).isEqualTo(CidrRules.SecondaryViolation.OVERLAP);
    assertThat(check("10.2.0.0/24", "10.2.0.0/24")).isEqualTo(CidrRules.SecondaryViolation.ROUTE_CONFLICT);
    assertThat(check("10.2.0.0/25", "10.2.0.0/24")).isNull();
  }
}
