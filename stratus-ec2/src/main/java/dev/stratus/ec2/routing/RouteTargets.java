package dev.stratus.ec2.routing;

import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the target parameters of CreateRoute / ReplaceRoute into a {@link RouteTarget}: exactly one
 * given, and it exists (a deleted NAT gateway, a terminated instance or a transit gateway the VPC
 * is not attached to is not found, as AWS answers); whether it may serve the table is
 * {@link RouteRules#targetInVpc}'s and its siblings'.
 */
final class RouteTargets {
  private RouteTargets() {}

  /** The target parameters of a route request, by AWS parameter name (nulls allowed). */
  record Params(String gatewayId, String natGatewayId, String transitGatewayId, String vpcPeeringConnectionId,
      String networkInterfaceId, String instanceId, String egressOnlyInternetGatewayId, String vpcEndpointId) {

    Map<String, String> given() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("gatewayId", gatewayId);
      m.put("natGatewayId", natGatewayId);
      m.put("transitGatewayId", transitGatewayId);
      m.put("vpcPeeringConnectionId", vpcPeeringConnectionId);
      m.put("networkInterfaceId", networkInterfaceId);
      m.put("instanceId", instanceId);
      m.put("egressOnlyInternetGatewayId", egressOnlyInternetGatewayId);
      m.put("vpcEndpointId", vpcEndpointId);
      m.values().removeIf(v -> v == null || v.isEmpty());
      return m;
    }
  }

  static RouteTarget resolve(ReadView view, String scope, RouteTable table, Params p) {
    Map<String, String> given = p.given();
    if (given.isEmpty()) {
      throw Ec2Errors.missing("gatewayId, egressOnlyInternetGatewayId, natGatewayId, instanceId, networkInterfaceId,"
          + " vpcPeeringConnectionId, transitGatewayId, or vpcEndpointId");
    }
    if (given.size() > 1) {
      var names = given.keySet().toArray(String[]::new);
      throw Ec2Errors.invalidCombination("The parameter " + names[0] + " cannot be used with the parameter " + names[1]);
    }
    var e = given.entrySet().iterator().next();
    String id = e.getValue();
    return switch (e.getKey()) {
      case "gatewayId" -> gateway(view, scope, table, id);
      case "natGatewayId" -> {
        NatGateway nat = Ec2Store.require(view, scope, IdKind.NAT_GATEWAY, Ec2Tables.NAT_GATEWAY, id);
        if (nat.state().equals("deleted")) throw IdKind.NAT_GATEWAY.notFound(id);
        yield new RouteTarget.NatGateway(id);
      }
      case "transitGatewayId" -> {
        Ec2Store.require(view, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY, id);
        // AWS answers NotFound when the VPC has no attachment to the transit gateway.
        boolean attached = view.listBy(Ec2Tables.TGW_ATTACHMENT_BY_RESOURCE, scope, table.vpcId()).stream()
            .anyMatch(a -> a.transitGatewayId().equals(id) && !a.state().equals("deleted"));
        if (!attached) throw IdKind.TRANSIT_GATEWAY.notFound(id);
        yield new RouteTarget.TransitGateway(id);
      }
      case "vpcPeeringConnectionId" -> {
        var pcx = Ec2Store.require(view, scope, IdKind.PEERING, Ec2Tables.PEERING, id);
        Ec2Errors.throwIf(RouteRules.peeringTarget(table, pcx));
        yield new RouteTarget.PeeringConnection(id);
      }
      case "networkInterfaceId" -> {
        NetworkInterface eni = Ec2Store.require(view, scope, IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE, id);
        Ec2Errors.throwIf(RouteRules.targetInVpc(table, id, eni.vpcId()));
        yield new RouteTarget.NetworkInterface(id, eni.attachment() == null ? null : eni.attachment().instanceId());
      }
      case "instanceId" -> {
        Instance i = Ec2Store.require(view, scope, IdKind.INSTANCE, Ec2Tables.INSTANCE, id);
        if (i.state().equals("terminated")) throw IdKind.INSTANCE.notFound(id);
        Ec2Errors.throwIf(RouteRules.targetInVpc(table, id, i.vpcId()));
        yield new RouteTarget.NetworkInterface(i.primaryNetworkInterfaceId(), id);
      }
      case "egressOnlyInternetGatewayId" -> {
        InternetGateway g = Ec2Store.require(view, scope, IdKind.EGRESS_ONLY_INTERNET_GATEWAY,
            Ec2Tables.INTERNET_GATEWAY, id);
        Ec2Errors.throwIf(RouteRules.targetInVpc(table, id, g.attachedVpcId()));
        yield new RouteTarget.EgressOnlyInternetGateway(id);
      }
      case "vpcEndpointId" -> {
        var ep = Ec2Store.require(view, scope, IdKind.VPC_ENDPOINT, Ec2Tables.VPC_ENDPOINT, id);
        Ec2Errors.throwIf(RouteRules.endpointTarget(table, ep));
        yield new RouteTarget.NetworkInterface(id, null);
      }
      default -> throw new IllegalStateException(e.getKey());
    };
  }

  private static RouteTarget gateway(ReadView view, String scope, RouteTable table, String id) {
    if (id.equals("local")) return new RouteTarget.Local();
    if (id.startsWith("igw-")) {
      InternetGateway g = Ec2Store.require(view, scope, IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY, id);
      Ec2Errors.throwIf(RouteRules.targetInVpc(table, id, g.attachedVpcId()));
      return new RouteTarget.InternetGateway(id);
    }
    if (id.startsWith("vgw-")) {
      var vgw = Ec2Store.require(view, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, id);
      Ec2Errors.throwIf(RouteRules.targetInVpc(table, id, vgw.attachedVpcId()));
      return new RouteTarget.VpnGateway(id);
    }
    if (id.startsWith("vpce-")) {
      Ec2Store.require(view, scope, IdKind.VPC_ENDPOINT, Ec2Tables.VPC_ENDPOINT, id);
      return new RouteTarget.GatewayEndpoint(id);
    }
    throw Ec2Errors.notFound("InvalidGatewayID.NotFound", "gateway", id);
  }

  /** Whether a route with this target may be more specific than a local route (vpc.md §8). */
  static boolean mayOverrideLocal(RouteTarget t) {
    return switch (t) {
      case RouteTarget.NatGateway n -> true;
      case RouteTarget.NetworkInterface n -> true;
      case RouteTarget.Local l -> false;
      case RouteTarget.InternetGateway g -> false;
      case RouteTarget.EgressOnlyInternetGateway g -> false;
      case RouteTarget.TransitGateway g -> false;
      case RouteTarget.PeeringConnection p -> false;
      case RouteTarget.GatewayEndpoint g -> false;
      case RouteTarget.VpnGateway g -> false;
      case RouteTarget.Unmodelled u -> false;
    };
  }
}
