package dev.stratus.ec2.vpn;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.CustomerGateway;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpnRulesTest {
  private static final CustomerGateway CGW = new CustomerGateway("cgw-1", "ipsec.1", "198.51.100.7", 65000, "available", null);

  private static VpnGateway vgw(String attachedVpc) {
    return new VpnGateway("vgw-1", "ipsec.1", 64512, "available", attachedVpc, null);
  }

  private static VpnConnection vpn(String state, boolean staticOnly, String... routes) {
    return new VpnConnection("vpn-1", "ipsec.1", "cgw-1", "vgw-1", null, state, staticOnly,
        List.of("203.0.113.1", "203.0.113.2"), java.util.Arrays.stream(routes).map(Cidr::parse).toList());
  }

  @Test
  void customerGatewayIp_ipv4Only() {
    assertViolation(VpnRules.customerGatewayIp("198.51.100"), "InvalidParameterValue",
        "Value (198.51.100) for parameter ipAddress is invalid.");
    assertViolation(VpnRules.customerGatewayIp("2001:db8::1"), "InvalidParameterValue",
        "Value (2001:db8::1) for parameter ipAddress is invalid.");
    assertThat(VpnRules.customerGatewayIp("198.51.100.7")).isEmpty();
  }

  @Test
  void deleteCustomerGateway_inUse_incorrectState() {
    assertViolation(VpnRules.deleteCustomerGateway(CGW, List.of(vpn("available", false))), "IncorrectState",
        "The customer gateway cgw-1 is in use.");
    assertThat(VpnRules.deleteCustomerGateway(CGW, List.of(vpn("deleted", false)))).isEmpty();
  }

  @Test
  void vpnGateway_attachDetachDelete() {
    assertViolation(VpnRules.attachVpnGateway(vgw("vpc-9"), "vpc-1", List.of()), "Resource.AlreadyAssociated",
        "resource vgw-1 is already attached to network vpc-9");
    var other = new VpnGateway("vgw-2", "ipsec.1", 64512, "available", "vpc-1", null);
    assertViolation(VpnRules.attachVpnGateway(vgw(null), "vpc-1", List.of(other)), "Resource.AlreadyAssociated",
        "resource vpc-1 is already attached to network a VPN gateway");
    assertThat(VpnRules.attachVpnGateway(vgw(null), "vpc-1", List.of())).isEmpty();

    assertViolation(VpnRules.detachVpnGateway(vgw("vpc-9"), "vpc-1"), "Gateway.NotAttached",
        "resource vgw-1 is not attached to network vpc-1");
    assertThat(VpnRules.detachVpnGateway(vgw("vpc-1"), "vpc-1")).isEmpty();

    assertViolation(VpnRules.deleteVpnGateway(vgw("vpc-1")), "IncorrectState", "The VPN gateway vgw-1 is attached to vpc-1");
    assertThat(VpnRules.deleteVpnGateway(vgw(null))).isEmpty();
  }

  @Test
  void propagation_gatewayOfAnotherVpc_differentNetworks() {
    var t = new RouteTable("rtb-1", "vpc-1", List.of(), List.of(), List.of());
    assertViolation(VpnRules.propagation(t, vgw(null)), "InvalidParameterValue",
        "route table rtb-1 and network gateway vgw-1 belong to different networks");
    assertThat(VpnRules.propagation(t, vgw("vpc-1"))).isEmpty();
  }

  @Test
  void connection_oneGatewayAndALiveCustomerGateway() {
    String message = "Exactly one of VpnGatewayId or TransitGatewayId must be specified";
    assertViolation(VpnRules.connectionGateway(null, null), "InvalidParameterCombination", message);
    assertViolation(VpnRules.connectionGateway("vgw-1", "tgw-1"), "InvalidParameterCombination", message);
    assertThat(VpnRules.connectionGateway(null, "tgw-1")).isEmpty();
    assertViolation(VpnRules.connectionCustomerGateway(new CustomerGateway("cgw-1", "ipsec.1", "198.51.100.7", 65000,
        "deleted", null)), "InvalidCustomerGatewayID.NotFound", "The customer gateway ID 'cgw-1' does not exist");
    assertThat(VpnRules.connectionCustomerGateway(CGW)).isEmpty();
  }

  @Test
  void staticRoute_bgpOrPresenceRefused() {
    Cidr office = Cidr.parse("192.168.0.0/24");
    assertViolation(VpnRules.staticRoute(vpn("available", false), office, true), "InvalidParameterValue",
        "Static routes are not supported on VPN connection vpn-1, which uses dynamic (BGP) routing");
    assertViolation(VpnRules.staticRoute(vpn("available", true, "192.168.0.0/24"), office, true), "RouteAlreadyExists",
        "The route identified by 192.168.0.0/24 already exists");
    assertViolation(VpnRules.staticRoute(vpn("available", true), office, false), "InvalidRoute.NotFound",
        "no route with destination-cidr-block 192.168.0.0/24 in route table vpn-1");
    assertThat(VpnRules.staticRoute(vpn("available", true), office, true)).isEmpty();
    assertThat(VpnRules.staticRoute(vpn("available", true, "192.168.0.0/24"), office, false)).isEmpty();
  }
}
