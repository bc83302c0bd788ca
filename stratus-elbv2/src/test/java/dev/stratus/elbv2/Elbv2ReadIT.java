package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** ELBv2's read operations through the real SDK client. */
class Elbv2ReadIT {
  static final String LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/0123456789abcdef";
  static ApiTestServer server;
  static ElasticLoadBalancingV2Client elb;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Elbv2Module());
    elb = server.client(ElasticLoadBalancingV2Client.builder());
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void describeLoadBalancers_newAccount_isEmpty() {
    assertThat(elb.describeLoadBalancers(r -> {}).loadBalancers()).isEmpty();
    assertThat(elb.describeTargetGroups(r -> {}).targetGroups()).isEmpty();
  }

  @Test
  void describeLoadBalancers_storedBalancer_isListedAndFoundByName() {
    server.context().store().write(tx -> {
      tx.put(LoadBalancer.TABLE, "000000000000/us-east-1", LB_ARN,
          new LoadBalancer(LB_ARN, "web", "application", "internet-facing", "vpc-1", "web.elb.localhost", Instant.EPOCH,
              "ipv4", java.util.List.of(), java.util.List.of(), java.util.Map.of()));
      return null;
    });
    try {
      var byName = elb.describeLoadBalancers(r -> r.names("web")).loadBalancers();
      assertThat(byName).singleElement().satisfies(lb -> {
        assertThat(lb.loadBalancerArn()).isEqualTo(LB_ARN);
        assertThat(lb.typeAsString()).isEqualTo("application");
      });
      assertThat(elb.describeListeners(r -> r.loadBalancerArn(LB_ARN)).listeners()).isEmpty();
    } finally {
      server.context().store().write(tx -> tx.delete(LoadBalancer.TABLE, "000000000000/us-east-1", LB_ARN));
    }
  }

  @Test
  void describeLoadBalancers_unknownName_isLoadBalancerNotFound() {
    assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("nope")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LoadBalancerNotFound");
          assertThat(e.statusCode()).isEqualTo(400);
        });
  }

  @Test
  void describeLoadBalancers_malformedArn_isValidationError() {
    assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns("arn:nope")))
        .isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
  }

  @Test
  void describeListeners_withoutBalancerOrListeners_isValidationError() {
    assertThatThrownBy(() -> elb.describeListeners(r -> {}))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("You must specify either listener ARNs or a load balancer ARN"));
  }

  @Test
  void describeTargetHealth_unknownGroup_isTargetGroupNotFound() {
    assertThatThrownBy(() -> elb.describeTargetHealth(r -> r.targetGroupArn(
        "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/tg/0123456789abcdef")))
        .isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TargetGroupNotFound"));
  }
}
