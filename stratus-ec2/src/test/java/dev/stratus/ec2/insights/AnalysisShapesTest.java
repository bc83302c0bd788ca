package dev.stratus.ec2.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.Query;
import dev.stratus.ec2.reachability.ReachabilityAnalysis;
import dev.stratus.ec2.reachability.ReachabilityImport;
import dev.stratus.ec2.reachability.ReachabilityVerdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Engine verdict -> SDK analysis -> engine verdict keeps hops, rules and codes (peering fixture). */
class AnalysisShapesTest {
  private final Network network =
      ReachabilityImport.fromDescribeOutputs(Path.of("src/test/resources/reachability/peering")).orThrow();
  private final AnalysisShapes shapes = new AnalysisShapes("us-east-1", "111111111111", new ComponentLocations(network));

  private ReachabilityVerdict roundTrip(ReachabilityVerdict v) {
    var sdk = shapes.findings(v);
    return AnalysisVerdicts.of(CliJson.read(CliJson.write(sdk), sdk.getClass()));
  }

  @Test
  void findings_pathFound_keepsHopsRulesAndSubnets() {
    ReachabilityVerdict v = ReachabilityAnalysis.analyze(network, Query.of("i-a", "i-b", Protocol.TCP, 5432));
    ReachabilityVerdict back = roundTrip(v);
    assertThat(back.networkPathFound()).isTrue();
    assertThat(back.forwardHopIds()).isEqualTo(v.forwardHopIds());
    assertThat(back.returnHopIds()).isEqualTo(v.returnHopIds());
    assertThat(back.forwardPathComponents()).extracting(c -> c.rule().isPresent())
        .isEqualTo(v.forwardPathComponents().stream().map(c -> c.rule().isPresent()).toList());
    var eni = shapes.findings(v).forwardPathComponents().get(1);
    assertThat(eni.subnet().id()).isEqualTo("subnet-a");
    assertThat(eni.vpc().arn()).isEqualTo("arn:aws:ec2:us-east-1:111111111111:vpc/vpc-a");
  }

  @Test
  void findings_blocked_keepsTheExplanationCodeAndComponent() {
    ReachabilityVerdict v = ReachabilityAnalysis.analyze(network, Query.of("i-b", "i-c", Protocol.TCP, 22));
    ReachabilityVerdict back = roundTrip(v);
    assertThat(back.explanationCodes()).isEqualTo(v.explanationCodes());
    assertThat(back.explanations().get(0).component().id()).isEqualTo("pcx-ab");
    assertThat(shapes.findings(v).explanations().get(0).vpcPeeringConnection().id()).isEqualTo("pcx-ab");
  }
}
