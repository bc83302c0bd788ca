package dev.stratus.ec2.vpc;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.Vpc;
import java.time.Instant;
import java.util.Optional;

/** EC2's answer to {@link VpcLookup}: committed VPCs, subnets and security groups of one (account, region). */
public final class Ec2VpcLookup implements VpcLookup {
  private final Ec2Store store;
  private final ResolverFactsReader resolver = new ResolverFactsReader();

  public Ec2VpcLookup(Ec2Store store) { this.store = store; }

  @Override
  public Optional<VpcInfo> vpc(String accountId, String region, String vpcId) {
    return store.read(ctx(accountId, region)).get(Ec2Tables.VPC, accountId + "/" + region, vpcId).map(Ec2VpcLookup::info);
  }

  @Override
  public Optional<SubnetInfo> subnet(String accountId, String region, String subnetId) {
    return store.read(ctx(accountId, region)).get(Ec2Tables.SUBNET, accountId + "/" + region, subnetId)
        .map(s -> new SubnetInfo(s.id(), s.vpcId(), s.availabilityZone(), s.availabilityZoneId(), s.cidr().toString(),
            s.mapPublicIpOnLaunch()));
  }

  @Override
  public Optional<SecurityGroupInfo> securityGroup(String accountId, String region, String groupId) {
    return store.read(ctx(accountId, region)).get(Ec2Tables.SECURITY_GROUP, accountId + "/" + region, groupId)
        .map(g -> new SecurityGroupInfo(g.id(), g.name(), g.vpcId()));
  }

  @Override
  public java.util.List<String> interfaceEndpointDnsNames(String accountId, String region, String vpcEndpointId) {
    return store.read(ctx(accountId, region)).get(Ec2Tables.VPC_ENDPOINT, accountId + "/" + region, vpcEndpointId)
        .filter(e -> e.type().equals("Interface"))
        .map(e -> e.dnsNames().stream().filter(n -> n.endsWith(".vpce.amazonaws.com")).toList()).orElse(java.util.List.of());
  }

  @Override
  public ResolverFacts resolverFacts() { return resolver.read(store.raw()); }

  @Override
  public boolean affectsResolver(ChangeEvent change) { return resolver.affects(change); }

  @Override
  public Optional<VpcInfo> defaultVpc(String accountId, String region) {
    var view = store.read(ctx(accountId, region));
    String scope = accountId + "/" + region;
    return view.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID)
        .flatMap(d -> Optional.ofNullable(d.defaultVpcId()))
        .flatMap(id -> view.get(Ec2Tables.VPC, scope, id)).map(Ec2VpcLookup::info);
  }

  @Override
  public Optional<SecurityGroupInfo> defaultSecurityGroup(String accountId, String region, String vpcId) {
    return store.read(ctx(accountId, region)).list(Ec2Tables.SECURITY_GROUP, accountId + "/" + region).stream()
        .filter(g -> g.vpcId().equals(vpcId) && g.name().equals("default")).findFirst()
        .map(g -> new SecurityGroupInfo(g.id(), g.name(), g.vpcId()));
  }

  @Override
  public Optional<Boolean> hasInternetGateway(String accountId, String region, String vpcId) {
    return Optional.of(store.read(ctx(accountId, region)).list(Ec2Tables.INTERNET_GATEWAY, accountId + "/" + region)
        .stream().anyMatch(g -> !g.egressOnly() && vpcId.equals(g.attachedVpcId())));
  }

  @Override
  public Optional<InstanceInfo> instance(String accountId, String region, String instanceId) {
    var view = store.read(ctx(accountId, region));
    String scope = accountId + "/" + region;
    return view.get(Ec2Tables.INSTANCE, scope, instanceId).map(i -> new InstanceInfo(i.id(), i.vpcId(), i.subnetId(),
        i.availabilityZone(), i.state(),
        i.primaryNetworkInterfaceId() == null ? null : view.get(Ec2Tables.NETWORK_INTERFACE, scope,
            i.primaryNetworkInterfaceId()).map(n -> n.privateIpAddress()).orElse(null)));
  }

  @Override
  public java.util.Map<String, String> tags(String accountId, String region, String resourceId) {
    return Tags.of(store.read(ctx(accountId, region)), accountId + "/" + region).apply(resourceId);
  }

  @Override
  public Optional<SubnetInfo> subnetContaining(String accountId, String region, String vpcId, String ipAddress) {
    return store.read(ctx(accountId, region)).list(Ec2Tables.SUBNET, accountId + "/" + region).stream()
        .filter(s -> s.vpcId().equals(vpcId) && !s.cidr().ipv6() && s.cidr().containsAddress(ipAddress)).findFirst()
        .map(s -> new SubnetInfo(s.id(), s.vpcId(), s.availabilityZone(), s.availabilityZoneId(), s.cidr().toString(),
            s.mapPublicIpOnLaunch()));
  }

  /** Reading through {@link Ec2Store} creates the region's default VPC first, as any EC2 call would. */
  private RequestContext ctx(String accountId, String region) {
    return new RequestContext(accountId, region, "internal", Instant.EPOCH);
  }

  private static VpcInfo info(Vpc v) {
    return new VpcInfo(v.id(), v.activeCidrs().stream().map(Object::toString).toList(), v.isDefault());
  }
}
