package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every id prefix names its component type; anything else is an address. */
class ComponentTypeTest {
  @Test
  void ofId_everyPrefix() {
    assertThat(ComponentType.ofId("tgw-attach-0a")).isEqualTo(ComponentType.TRANSIT_GATEWAY_ATTACHMENT);
    assertThat(ComponentType.ofId("tgw-rtb-0a")).isEqualTo(ComponentType.TRANSIT_GATEWAY_ROUTE_TABLE);
    assertThat(ComponentType.ofId("tgw-0a")).isEqualTo(ComponentType.TRANSIT_GATEWAY);
    assertThat(ComponentType.ofId("i-0a")).isEqualTo(ComponentType.INSTANCE);
    assertThat(ComponentType.ofId("igw-0a")).isEqualTo(ComponentType.INTERNET_GATEWAY);
    assertThat(ComponentType.ofId("eni-0a")).isEqualTo(ComponentType.NETWORK_INTERFACE);
    assertThat(ComponentType.ofId("eigw-0a")).isEqualTo(ComponentType.EGRESS_ONLY_INTERNET_GATEWAY);
    assertThat(ComponentType.ofId("sg-0a")).isEqualTo(ComponentType.SECURITY_GROUP);
    assertThat(ComponentType.ofId("subnet-0a")).isEqualTo(ComponentType.SUBNET);
    assertThat(ComponentType.ofId("acl-0a")).isEqualTo(ComponentType.NETWORK_ACL);
    assertThat(ComponentType.ofId("vpc-0a")).isEqualTo(ComponentType.VPC);
    assertThat(ComponentType.ofId("vpce-0a")).isEqualTo(ComponentType.VPC_ENDPOINT);
    assertThat(ComponentType.ofId("vgw-0a")).isEqualTo(ComponentType.VPN_GATEWAY);
    assertThat(ComponentType.ofId("vpn-0a")).isEqualTo(ComponentType.VPN_CONNECTION);
    assertThat(ComponentType.ofId("rtb-0a")).isEqualTo(ComponentType.ROUTE_TABLE);
    assertThat(ComponentType.ofId("nat-0a")).isEqualTo(ComponentType.NAT_GATEWAY);
    assertThat(ComponentType.ofId("pcx-0a")).isEqualTo(ComponentType.VPC_PEERING_CONNECTION);
    assertThat(ComponentType.ofId("cgw-0a")).isEqualTo(ComponentType.CUSTOMER_GATEWAY);
    for (String other : new String[] {"", "10.0.0.1", "tgwx", "ix", "vpcx-1", "2600::1"}) {
      assertThat(ComponentType.ofId(other)).as(other).isEqualTo(ComponentType.IP_ADDRESS);
    }
  }
}
