package dev.stratus.globalaccelerator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stratus.globalaccelerator.model.FlowRouting.Candidate;
import dev.stratus.globalaccelerator.model.FlowRouting.Group;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Global Accelerator's flow routing (globalaccelerator.md §7–9) over many flow hashes. */
class FlowRoutingTest {
  private static final int FLOWS = 100_000;

  private static Map<String, Double> shares(List<Group<String>> nearestFirst) {
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < FLOWS; i++) {
      var choice = FlowRouting.choose(nearestFirst, random.nextLong()).orElseThrow();
      counts.merge(choice.endpoint(), 1, Integer::sum);
    }
    Map<String, Double> out = new HashMap<>();
    counts.forEach((k, v) -> out.put(k, v / (double) FLOWS));
    return out;
  }

  private static Group<String> group(String region, double dial, Candidate<String>... endpoints) {
    return new Group<>(region, dial, List.of(endpoints));
  }

  private static Candidate<String> healthy(String id, int weight) { return new Candidate<>(id, weight, true); }

  private static Candidate<String> unhealthy(String id) { return new Candidate<>(id, 128, false); }

  @Test
  void blueGreen_dial90_sendsTenPercentToTheNextRegion() {
    var shares = shares(List.of(group("us-east-1", 90, healthy("use1", 128)), group("eu-west-1", 100, healthy("euw1", 128))));
    assertThat(shares.get("use1")).isCloseTo(0.90, within(0.01));
    assertThat(shares.get("euw1")).isCloseTo(0.10, within(0.01));
  }

  @Test
  void dialZero_drainsTheRegion_forNewFlows() {
    var shares = shares(List.of(group("us-east-1", 0, healthy("use1", 128)), group("eu-west-1", 100, healthy("euw1", 128))));
    assertThat(shares).containsOnlyKeys("euw1");
  }

  @Test
  void dialsBelow100Everywhere_theLastGroupTakesWhatIsLeft() {
    var shares = shares(List.of(group("us-east-1", 50, healthy("use1", 128)), group("eu-west-1", 50, healthy("euw1", 128))));
    assertThat(shares.get("use1")).isCloseTo(0.5, within(0.01));
    assertThat(shares.get("euw1")).isCloseTo(0.5, within(0.01));
  }

  @Test
  void weights_shareFlowsWithinAGroup_andWeightZeroTakesNone() {
    var shares = shares(List.of(group("us-east-1", 100, healthy("a", 192), healthy("b", 64), healthy("c", 0))));
    assertThat(shares.get("a")).isCloseTo(0.75, within(0.01));
    assertThat(shares.get("b")).isCloseTo(0.25, within(0.01));
    assertThat(shares).doesNotContainKey("c");
  }

  @Test
  void unhealthyNearestGroup_failsOverToADrainedGroup_ignoringItsDial() {
    var shares = shares(List.of(group("us-east-1", 100, unhealthy("use1")), group("eu-west-1", 0, healthy("euw1", 128))));
    assertThat(shares).containsOnlyKeys("euw1");
  }

  @Test
  void failover_triesOnlyTheThreeNearestGroups_thenFailsOpenInTheNearest() {
    var shares = shares(List.of(group("us-east-1", 0, unhealthy("g1")), group("us-east-2", 0, unhealthy("g2")),
        group("us-west-2", 0, unhealthy("g3")), group("eu-west-1", 0, healthy("g4", 128))));
    assertThat(shares).containsOnlyKeys("g1");
    var choice = FlowRouting.choose(List.of(group("us-east-1", 100, unhealthy("g1"))), 42).orElseThrow();
    assertThat(choice.failedOpen()).isTrue();
  }

  @Test
  void nothingAtAll_isNoChoice() {
    assertThat(FlowRouting.choose(List.<Group<String>>of(), 1)).isEmpty();
    assertThat(FlowRouting.choose(List.of(new Group<String>("us-east-1", 100, List.of())), 1)).isEmpty();
  }

  @Test
  void sourceIpAffinity_hashesTheTwoTuple_noneHashesTheFiveTuple() {
    byte[] client = {127, 61, 0, 1};
    byte[] accelerator = {127, 0, 9, 1};
    long a = FlowRouting.flowHash("SOURCE_IP", client, 40_001, accelerator, 80, "TCP");
    long b = FlowRouting.flowHash("SOURCE_IP", client, 40_002, accelerator, 443, "UDP");
    assertThat(a).isEqualTo(b);
    long c = FlowRouting.flowHash("NONE", client, 40_001, accelerator, 80, "TCP");
    long d = FlowRouting.flowHash("NONE", client, 40_002, accelerator, 80, "TCP");
    assertThat(c).isNotEqualTo(d);
  }
}
