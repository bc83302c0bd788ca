package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Extensions;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.vpc.VpcLookup;
import org.junit.jupiter.api.Test;

/** The module provides VpcLookup to other services over the same committed state. */
class Ec2VpcLookupTest {

  @Test
  void start_providesLookup_answeringDefaultVpcAndSubnets() throws Exception {
    var f = new Ec2Fixture();
    var context = new StratusContext(f.memory, f.clock, Settings.ephemeral(0, 0), new Extensions());
    new Ec2Module().start(context);
    VpcLookup lookup = context.extensions().find(VpcLookup.class).orElseThrow();
    var vpc = lookup.defaultVpc(f.ctx.accountId(), "eu-west-1").orElseThrow();
    assertThat(vpc.cidrBlocks()).containsExactly("172.31.0.0/16");
    String subnet = f.createSubnet(f.createVpc("10.0.0.0/16"), "10.0.1.0/24");
    assertThat(lookup.subnet(f.ctx.accountId(), "us-east-1", subnet)).hasValueSatisfying(s ->
        assertThat(s.cidrBlock()).isEqualTo("10.0.1.0/24"));
    assertThat(lookup.subnet(f.ctx.accountId(), "us-east-1", "subnet-0123456789abcdef0")).isEmpty();
  }
}
