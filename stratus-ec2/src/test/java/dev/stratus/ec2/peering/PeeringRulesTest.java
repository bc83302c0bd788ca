package dev.stratus.ec2.peering;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcPeeringConnection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeeringRulesTest {
  private static final Instant EXPIRES = Instant.parse("2026-12-14T00:00:00Z");

  private static VpcPeeringConnection pcx(String status) {
    return new VpcPeeringConnection("pcx-1", new VpcPeeringConnection.Side("111111111111", "vpc-a", "us-east-1", List.of()),
        new VpcPeeringConnection.Side("222222222222", "vpc-b", "eu-west-1", List.of()), status, "m", EXPIRES);
  }

  private static Vpc vpc(String id, String cidr) {
    return new Vpc(id, List.of(new Vpc.CidrAssociation("a-" + id, Cidr.parse(cidr), "associated")), List.of(), false,
        "default", "dopt-1", true, false, "rtb-1", "acl-1", "sg-1");
  }

  @Test
  void create_activeOrPendingBetweenTheSameVpcs_alreadyExists() {
    String message = "A VPC peering connection already exists between vpc-b and vpc-a";
    assertViolation(PeeringRules.create("vpc-b", "vpc-a", List.of(pcx("active"))), "VpcPeeringConnectionAlreadyExists", message);
    assertViolation(PeeringRules.create("vpc-b", "vpc-a", List.of(pcx("pending-acceptance"))),
        "VpcPeeringConnectionAlreadyExists", message);
    assertThat(PeeringRules.create("vpc-b", "vpc-a", List.of(pcx("deleted"), pcx("rejected")))).isEmpty();
    assertThat(PeeringRules.create("vpc-b", "vpc-c", List.of(pcx("active")))).isEmpty();
  }

  @Test
  void failure_missingPeerOrOverlap() {
    var a = vpc("vpc-a", "10.0.0.0/16");
    assertThat(PeeringRules.failure(a, "vpc-b", Optional.empty())).hasValue("The peer VPC vpc-b does not exist");
    assertThat(PeeringRules.failure(a, "vpc-b", Optional.of(vpc("vpc-b", "10.0.128.0/17")))).hasValue("Overlapping CIDR range");
    assertThat(PeeringRules.failure(a, "vpc-b", Optional.of(vpc("vpc-b", "10.1.0.0/16")))).isEmpty();
  }

  @Test
  void accepter_otherAccountOrRegion_refused() {
    assertViolation(PeeringRules.accepter("111111111111", "eu-west-1", pcx("pending-acceptance"), "accept"),
        "OperationNotPermitted", "User (111111111111) cannot accept peering pcx-1");
    assertViolation(PeeringRules.accepter("222222222222", "us-east-1", pcx("pending-acceptance"), "reject"),
        "OperationNotPermitted", "Incorrect region (us-east-1) specified for this request. VPC peering connection pcx-1"
            + " must be accepted in region eu-west-1");
    assertThat(PeeringRules.accepter("222222222222", "eu-west-1", pcx("pending-acceptance"), "accept")).isEmpty();
  }

  @Test
  void accept_notPendingOrExpired_invalidStateTransition() {
    String message = "VpcPeeringConnectionID pcx-1 is not in the correct state for the request.";
    assertViolation(PeeringRules.accept(pcx("active"), EXPIRES.minusSeconds(1)), "InvalidStateTransition", message);
    assertViolation(PeeringRules.accept(pcx("pending-acceptance"), EXPIRES), "InvalidStateTransition", message);
    assertThat(PeeringRules.accept(pcx("pending-acceptance"), EXPIRES.minusSeconds(1))).isEmpty();
  }

  @Test
  void rejectAndDelete_byState() {
    String message = "VpcPeeringConnectionID pcx-1 is not in the correct state for the request.";
    assertViolation(PeeringRules.reject(pcx("active")), "InvalidStateTransition", message);
    assertThat(PeeringRules.reject(pcx("pending-acceptance"))).isEmpty();
    for (String gone : List.of("deleted", "rejected", "failed", "expired")) {
      assertViolation(PeeringRules.delete(pcx(gone)), "InvalidStateTransition", message);
    }
    assertThat(PeeringRules.delete(pcx("active"))).isEmpty();
    assertThat(PeeringRules.delete(pcx("pending-acceptance"))).isEmpty();
  }

  @Test
  void expired_onlyPendingAtOrPastItsTime() {
    assertThat(PeeringRules.expired(pcx("pending-acceptance"), EXPIRES)).isTrue();
    assertThat(PeeringRules.expired(pcx("pending-acceptance"), EXPIRES.minusMillis(1))).isFalse();
    assertThat(PeeringRules.expired(pcx("active"), EXPIRES.plusSeconds(60))).isFalse();
  }
}
