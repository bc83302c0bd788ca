package dev.stratus.ec2.vpc;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.model.DhcpOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DhcpOptionsRulesTest {
  @Test
  void createDhcpOptions_noneOrUnknownOption_refused() {
    assertViolation(DhcpOptionsRules.createDhcpOptions(List.of()), "MissingParameter",
        "The request must contain the parameter DhcpConfiguration");
    assertViolation(DhcpOptionsRules.createDhcpOptions(List.of("domain-name", "search-domain")), "InvalidParameterValue",
        "Value (search-domain) for parameter name is invalid. Unknown DHCP option");
    assertViolation(DhcpOptionsRules.createDhcpOptions(Arrays.asList((String) null)), "InvalidParameterValue",
        "Value (null) for parameter name is invalid. Unknown DHCP option");
    assertThat(DhcpOptionsRules.createDhcpOptions(List.of("domain-name", "domain-name-servers"))).isEmpty();
  }

  @Test
  void deleteDhcpOptions_usedByAVpc_dependencyViolation() {
    var d = new DhcpOptions("dopt-1", Map.of());
    var vpc = VpcRulesTest.vpc(List.of("10.0.0.0/16"), List.of()); // uses dopt-1
    assertViolation(DhcpOptionsRules.deleteDhcpOptions(d, List.of(vpc)), "DependencyViolation",
        "The dhcpOptions 'dopt-1' has dependencies and cannot be deleted.");
    assertThat(DhcpOptionsRules.deleteDhcpOptions(new DhcpOptions("dopt-2", Map.of()), List.of(vpc))).isEmpty();
  }
}
