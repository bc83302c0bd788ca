package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.app.plan.RunningArchitecture;
import dev.stratus.core.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/**
 * {@code stratus plan --from-running} against a whole in-process Stratus: an ALB in eu-west-1
 * alone, then with a CloudFront distribution in front, then with an accelerator in front; each
 * time the command prints the architecture it read and compares it first.
 */
class PlanFromRunningIT {
  @TempDir Path dir;

  private static CommandOutput run(String... args) {
    return CommandOutput.run(args);
  }

  @Test
  void readsTheAlb_thenTheDistributionInFront_thenTheAcceleratorInFront() throws Exception {
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      URI api = URI.create("http://127.0.0.1:" + server.apiPort());
      String port = String.valueOf(server.apiPort());
      var ec2 = SdkClients.of(Ec2Client.builder(), api, Region.EU_WEST_1);
      var elb = SdkClients.of(ElasticLoadBalancingV2Client.builder(), api, Region.EU_WEST_1);
      String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
      var subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
          .limit(2).map(s -> s.subnetId()).toList();

      assertThat(run("plan", "--from-running", "--port", port, "--regions", "eu-west-1").exitCode()).as("nothing deployed").isEqualTo(1);
      assertThat(run("plan", "--from-running", "--port", port, "--regions", "mars-1").exitCode()).isEqualTo(2);

      LoadBalancer alb = elb.createLoadBalancer(r -> r.name("desk").scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
          .subnets(subnets)).loadBalancers().get(0);

      CommandOutput alone = run("plan", "--from-running", "--port", port);
      assertThat(alone.exitCode()).isZero();
      assertThat(alone.out()).contains("current architecture (from " + api + "): single-region in eu-west-1")
          .contains("application load balancer desk in eu-west-1")
          .contains("populations: the default set")
          .containsPattern("(?m)^" + java.util.regex.Pattern.quote(RunningArchitecture.NAME) + "\\s+\\d+\\s+\\d+");

      var cf = SdkClients.of(CloudFrontClient.builder(), api, Region.AWS_GLOBAL);
      String distribution = cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference("plan-1").comment("")
          .enabled(true).origins(o -> o.quantity(1).items(i -> i.id("alb").domainName(alb.dnsName())
              .customOriginConfig(x -> x.httpPort(80).httpsPort(443).originProtocolPolicy("http-only"))))
          .defaultCacheBehavior(b -> b.targetOriginId("alb").viewerProtocolPolicy("allow-all")
              .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution().id();
      CommandOutput withCloudFront = run("plan", "--from-running", "--port", port, "--regions", "eu-west-1,us-east-1");
      assertThat(withCloudFront.out()).contains("single-region+cloudfront in eu-west-1")
          .contains("distribution " + distribution + " has desk as origin alb");

      var ga = SdkClients.of(GlobalAcceleratorClient.builder(), api, Region.US_WEST_2);
      var accelerator = ga.createAccelerator(r -> r.name("desk-ga").idempotencyToken(UUID.randomUUID().toString())).accelerator();
      String listener = ga.createListener(r -> r.acceleratorArn(accelerator.acceleratorArn()).protocol("TCP")
          .portRanges(p -> p.fromPort(443).toPort(443)).idempotencyToken(UUID.randomUUID().toString())).listener().listenerArn();
      ga.createEndpointGroup(r -> r.listenerArn(listener).endpointGroupRegion("eu-west-1")
          .endpointConfigurations(e -> e.endpointId(alb.loadBalancerArn())).idempotencyToken(UUID.randomUUID().toString()));

      // With the seed 004 plan's populations and candidates beside the current architecture.
      Path plan = dir.resolve("plan.json");
      Files.writeString(plan, """
          {"populations": [
             {"name": "Sydney", "city": "Sydney", "weight": 1, "roundTrips": 10},
             {"name": "Dublin", "city": "Dublin", "weight": 1, "roundTrips": 10}],
           "architectures": [{"name": "eu-west-1 only", "kind": "single-region", "regions": ["eu-west-1"]}]}
          """);
      CommandOutput withAccelerator = run("plan", plan.toString(), "--from-running", "--port", port, "--regions", "eu-west-1");
      assertThat(withAccelerator.exitCode()).isZero();
      assertThat(withAccelerator.out())
          .contains("current architecture (from " + api + "): single-region+global-accelerator in eu-west-1")
          .contains("accelerator desk-ga fronts desk (endpoint group eu-west-1)")
          .doesNotContain("populations: the default set")
          .contains("eu-west-1 only");
      // The accelerator is compared first, and beats the internet for the Sydney population.
      String rows = withAccelerator.out().lines().filter(l -> l.startsWith("Sydney")).findFirst().orElseThrow();
      String[] cells = rows.trim().split("\\s+");
      assertThat(Double.parseDouble(cells[1])).isLessThan(Double.parseDouble(cells[2]));
    }
  }
}
