package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ReachabilityVerdict#toText()} reads like the console: hops in order, rules in words, the blocker named. */
class VerdictTextTest {

  @Test
  void toText_foundPath_listsHopsWithRules() {
    ReachabilityVerdict v = ReachabilityAnalysis.analyze(Fixtures.network("routing"),
        Query.of("i-app", "igw-r", Protocol.TCP, 443));
    String text = v.toText();
    System.out.println(text);
    assertThat(text).startsWith("Reachable.\nForward path:\n")
        .contains("AWS::EC2::NatGateway", "route 0.0.0.0/0 -> nat-r (active)", "Return path:")
        .contains("tcp 10.0.2.10:1024-65535 -> 203.0.113.10:443 => tcp 10.0.1.100:1024-65535 -> 203.0.113.10:443");
  }

  @Test
  void toText_blocked_namesComponentCodeAndRule() {
    ReachabilityVerdict v = ReachabilityAnalysis.analyze(Fixtures.network("nacl"),
        Query.of("i-client", "i-strict", Protocol.TCP, 5432));
    String text = v.toText();
    System.out.println(text);
    assertThat(text).startsWith("Not reachable.")
        .contains("Blocked on the return path at AWS::EC2::NetworkAcl acl-strict (egress): SUBNET_ACL_RESTRICTION")
        .contains("by outbound rule * (implicit deny) deny all traffic to 0.0.0.0/0");
  }
}
