package dev.stratus.ec2;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.ec2.endpoints.EndpointServiceOperations;
import dev.stratus.ec2.endpoints.VpcEndpointOperations;
import dev.stratus.ec2.gateways.ElasticIpOperations;
import dev.stratus.ec2.gateways.InternetGatewayOperations;
import dev.stratus.ec2.gateways.NatGatewayOperations;
import dev.stratus.ec2.interfaces.Ec2ManagedInterfaces;
import dev.stratus.ec2.interfaces.InstanceOperations;
import dev.stratus.ec2.interfaces.NetworkInterfaceOperations;
import dev.stratus.ec2.peering.VpcPeeringOperations;
import dev.stratus.ec2.routing.RouteTableOperations;
import dev.stratus.ec2.security.NetworkAclOperations;
import dev.stratus.ec2.security.PrefixListOperations;
import dev.stratus.ec2.security.SecurityGroupOperations;
import dev.stratus.ec2.security.SecurityGroupRuleOperations;
import dev.stratus.ec2.transit.TransitGatewayAttachmentOperations;
import dev.stratus.ec2.transit.TransitGatewayOperations;
import dev.stratus.ec2.transit.TransitGatewayRouteTableOperations;
import dev.stratus.ec2.vpc.DhcpOptionsOperations;
import dev.stratus.ec2.vpc.Ec2VpcLookup;
import dev.stratus.ec2.vpc.RegionOperations;
import dev.stratus.ec2.vpc.SubnetOperations;
import dev.stratus.ec2.vpc.VpcOperations;
import dev.stratus.ec2.vpn.VpnConnectionOperations;
import dev.stratus.ec2.vpn.VpnOperations;
import java.util.List;
import java.util.Set;

/** The EC2 VPC networking service: builds one handler per EC2 API group over the shared store. */
public final class Ec2Module implements ServiceModule {

  @Override
  public String name() { return "ec2"; }

  /** Services that place resources in VPCs (ELB, endpoints) look VPCs, subnets and groups up here. */
  @Override
  public Set<Class<?>> provides() {
    return Set.of(VpcLookup.class, dev.stratus.core.vpc.ManagedInterfaces.class, dev.stratus.core.vpc.PathCheck.class);
  }

  @Override
  public Started start(StratusContext context) {
    Ec2Store store = new Ec2Store(context.store(), context.clock());
    context.extensions().provide(VpcLookup.class, new Ec2VpcLookup(store));
    context.extensions().provide(dev.stratus.core.vpc.ManagedInterfaces.class, new Ec2ManagedInterfaces());
    List<Object> handlers = handlers(store);
    handlers.stream().filter(h -> h instanceof dev.stratus.ec2.insights.NetworkInsightsOperations).findFirst()
        .map(h -> ((dev.stratus.ec2.insights.NetworkInsightsOperations) h).snapshot())
        .ifPresent(n -> context.extensions().provide(dev.stratus.core.vpc.PathCheck.class,
            new dev.stratus.ec2.insights.Ec2PathCheck(n)));
    return new Started(handlers, List.of(), List.of());
  }

  /** Every handler of the module, for the operation registry (and tests). */
  public static List<Object> handlers(Ec2Store store) {
    return List.of(new RegionOperations(store), new VpcOperations(store), new SubnetOperations(store),
        new RouteTableOperations(store), new InternetGatewayOperations(store), new SecurityGroupOperations(store),
        new SecurityGroupRuleOperations(store),
        new dev.stratus.ec2.insights.NetworkInsightsOperations(store),
        new NetworkAclOperations(store), new TagOperations(store), new InstanceOperations(store),
        new NetworkInterfaceOperations(store), new ElasticIpOperations(store), new NatGatewayOperations(store),
        new TransitGatewayOperations(store), new VpcPeeringOperations(store),
        new VpcEndpointOperations(store), new EndpointServiceOperations(store), new PrefixListOperations(store),
        new TransitGatewayRouteTableOperations(store), new TransitGatewayAttachmentOperations(store),
        new VpnOperations(store), new VpnConnectionOperations(store), new DhcpOptionsOperations(store));
  }
}
