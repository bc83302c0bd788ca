package dev.stratus.ec2.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.vpc.VpcOperations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;

class Ec2NetworkSnapshotTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
  private final MemoryStore memory = new MemoryStore();
  private final Ec2Store store = new Ec2Store(memory, clock);
  private final RequestContext ctx = new RequestContext("123456789012", "us-east-1", "r", clock.instant());
  private final VpcOperations vpcs = new VpcOperations(store);
  private final Ec2NetworkSnapshot snapshot = new Ec2NetworkSnapshot(memory);

  private void createVpc(String cidr) { vpcs.createVpc(ctx, CreateVpcRequest.builder().cidrBlock(cidr).build()); }

  @Test
  void analysis_nothingChanged_reusesTheIndexedNetwork() {
    createVpc("10.0.0.0/16");
    var first = snapshot.analysis(ctx.accountId());
    assertThat(snapshot.analysis(ctx.accountId())).isSameAs(first);
  }

  @Test
  void analysis_afterAnEc2Change_rebuildsWithTheChange() {
    createVpc("10.0.0.0/16");
    var before = snapshot.network(ctx.accountId());
    createVpc("10.1.0.0/16");
    var after = snapshot.network(ctx.accountId());
    assertThat(after).isNotSameAs(before);
    assertThat(after.vpcs()).hasSize(before.vpcs().size() + 1);
  }

  @Test
  void analysis_networkInsightsRowsChange_keepsTheSnapshot() {
    createVpc("10.0.0.0/16");
    var first = snapshot.analysis(ctx.accountId());
    long generation = snapshot.generation(ctx.accountId());
    memory.write(tx -> {
      tx.put(NetworkInsightsTables.ANALYSIS, ctx.regionalScope(), "nia-00000000000000001",
          new NetworkInsightsAnalysis("nia-00000000000000001", "arn", "nip-00000000000000001", clock.instant(),
              "succeeded", null, true, null, null));
      return null;
    });
    assertThat(snapshot.generation(ctx.accountId())).isEqualTo(generation);
    assertThat(snapshot.analysis(ctx.accountId())).isSameAs(first);
  }

  @Test
  void analysis_otherAccountChanges_keepsThisAccountsSnapshot() {
    createVpc("10.0.0.0/16");
    var first = snapshot.analysis(ctx.accountId());
    vpcs.createVpc(new RequestContext("210987654321", "us-east-1", "r", clock.instant()),
        CreateVpcRequest.builder().cidrBlock("10.9.0.0/16").build());
    assertThat(snapshot.analysis(ctx.accountId())).isSameAs(first);
  }
}
