package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link Network} of stored records from the JSON the AWS CLI prints: one folder per
 * Region, one file per call named after the command ({@code us-east-1/describe-vpcs.json}). Calls
 * made per resource add the resource id: {@code search-transit-gateway-routes.<tgw-rtb-id>.json},
 * {@code get-transit-gateway-route-table-associations.<tgw-rtb-id>.json},
 * {@code get-transit-gateway-route-table-propagations.<tgw-rtb-id>.json},
 * {@code get-managed-prefix-list-entries.<pl-id>.json} and
 * {@code describe-vpc-attribute.<vpc-id>.<enableDnsSupport|enableDnsHostnames>.json}. Security
 * group rules keep AWS's ids when {@code describe-security-group-rules.json} is there; without it
 * each rule gets a deterministic minted id ({@link VpcImport#mintedRuleId}).
 */
public final class ReachabilityImport {
  /*
   * A missing file means "none of those". A malformed file (bad JSON, a missing required field,
   * an unknown enum value) is refused as a whole and reported as a Problem naming file, resource
   * and field; every other file is still read (Batfish: one broken input does not blank the
   * result). After reading, AWS's implicit links are resolved where they apply: a subnet's route
   * table is its explicit association, else the VPC's main table (vpc.md §7); its NACL is its
   * association, else the VPC's default NACL (vpc.md §20); a NAT gateway or instance whose
   * interface is missing from describe-network-interfaces gets one built from its own output.
   */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ReachabilityImport() {}

  /** A file that could not be used, and why. */
  public record Problem(String file, String message) {}

  /** The network read, and the files refused. */
  public record Result(Network network, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    /** The network, or an {@link IllegalArgumentException} listing every problem. */
    public Network orThrow() {
      if (problems.isEmpty()) return network;
      throw new IllegalArgumentException(String.join("; ", problems.stream().map(Problem::message).toList()));
    }
  }

  /** Reads every Region folder under {@code dir}. */
  public static Result fromDescribeOutputs(Path dir) {
    Network.Builder all = Network.builder();
    List<Problem> problems = new ArrayList<>();
    List<Path> regions;
    try (Stream<Path> s = Files.list(dir)) {
      regions = s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    for (Path region : regions) all.addAll(readRegion(region, problems));
    Map<String, VpcPeeringConnection> peerings = new LinkedHashMap<>();
    all.vpcPeeringConnections.forEach(p -> peerings.putIfAbsent(p.id(), p));
    all.vpcPeeringConnections.clear();
    all.vpcPeeringConnections.addAll(peerings.values());
    return new Result(all.build(), problems);
  }

  private static Network readRegion(Path dir, List<Problem> problems) {
    Reader r = new Reader(dir, dir.getFileName().toString(), problems);
    Network.Builder b = Network.builder();
    List<VpcImport.Placed<Vpc>> vpcs = r.read("describe-vpcs", VpcImport::vpcs);
    // NAT gateway and VPN describe outputs carry no OwnerId: a folder is one account's dump, so they take the VPCs'.
    String owner = vpcs.stream().map(v -> v.placement().ownerId()).filter(o -> !o.isEmpty()).findFirst().orElse("");
    for (var t : r.read("describe-route-tables", VpcImport::routeTables)) {
      b.routeTables.add(t.resource());
      b.place(t.resource().id(), owned(t.placement(), owner));
    }
    for (var a : r.read("describe-network-acls", VpcImport::networkAcls)) {
      b.networkAcls.add(a.resource());
      b.place(a.resource().id(), owned(a.placement(), owner));
    }
    Map<String, List<SecurityGroup.Rule>> rulesByGroup = new LinkedHashMap<>();
    r.read("describe-security-group-rules", VpcImport::securityGroupRules)
        .forEach(e -> rulesByGroup.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    for (var g : r.read("describe-security-groups", VpcImport::securityGroups)) {
      // describe-security-group-rules carries AWS's rule ids; without it the rules keep their minted ids.
      List<SecurityGroup.Rule> rules = rulesByGroup.get(g.resource().id());
      b.securityGroups.add(rules == null ? g.resource() : g.resource().withRules(rules));
      b.place(g.resource().id(), owned(g.placement(), owner));
    }
    for (var v : vpcs) b.vpc(completed(r, v.resource(), b), v.placement());
    for (var s : r.read("describe-subnets", VpcImport::subnets)) b.subnet(s.resource(), s.placement());
    List<VpcImport.Placed<NetworkInterface>> enis = r.read("describe-network-interfaces", InterfaceImport::networkInterfaces);
    List<InterfaceImport.Instances> inst = r.read("describe-instances", (f, n) -> List.of(InterfaceImport.instances(f, n)));
    Map<String, VpcImport.Placed<NetworkInterface>> byId = new LinkedHashMap<>();
    enis.forEach(e -> byId.put(e.resource().id(), e));
    for (InterfaceImport.Instances i : inst) {
      i.instances().forEach(x -> b.instance(x.resource(), x.placement()));
      i.interfaces().forEach(e -> byId.putIfAbsent(e.resource().id(), e));
    }
    r.read("describe-internet-gateways", InterfaceImport::internetGateways)
        .forEach(g -> b.internetGateway(g.resource(), g.placement()));
    for (var n : r.read("describe-nat-gateways", InterfaceImport::natGateways)) {
      b.natGateways.add(n.resource());
      b.place(n.resource().id(), owned(n.placement(), owner));
      natInterface(n.resource(), owned(n.placement(), owner), b).ifPresent(e -> byId.putIfAbsent(e.resource().id(), e));
    }
    for (var e : r.read("describe-vpc-endpoints", InterfaceImport::vpcEndpoints)) {
      b.vpcEndpoints.add(e.resource());
      b.place(e.resource().id(), owned(e.placement(), owner));
    }
    for (var e : byId.values()) { // an endpoint's interfaces are its own whatever their description says: the index sees to it
      b.networkInterfaces.add(e.resource());
      b.place(e.resource().id(), owned(e.placement(), owner));
    }
    for (var placed : r.read("describe-managed-prefix-lists", InterfaceImport::prefixLists)) {
      ManagedPrefixList pl = placed.resource();
      b.managedPrefixLists.add(pl.withEntries(
          r.read("get-managed-prefix-list-entries." + pl.id(), InterfaceImport::prefixListEntries)));
      b.place(pl.id(), owned(placed.placement(), owner));
    }
    b.vpcPeeringConnections.addAll(r.read("describe-vpc-peering-connections", TransitImport::peerings));
    for (var t : r.read("describe-transit-gateways", TransitImport::transitGateways)) {
      b.transitGateways.add(t.resource());
      b.place(t.resource().id(), owned(t.placement(), owner));
    }
    Map<String, TransitImport.VpcAttachmentOptions> vpcOptions = new LinkedHashMap<>();
    r.read("describe-transit-gateway-vpc-attachments", TransitImport::vpcAttachmentOptions)
        .forEach(o -> vpcOptions.putIfAbsent(o.id(), o));
    for (var a : r.read("describe-transit-gateway-attachments", TransitImport::attachments)) {
      var o = vpcOptions.get(a.resource().id());
      b.transitGatewayAttachments.add(o == null ? a.resource()
          : a.resource().withVpcOptions(o.subnetIds(), o.applianceModeSupport(), o.dnsSupport()));
      b.place(a.resource().id(), owned(a.placement(), owner));
    }
    for (var placed : r.read("describe-transit-gateway-route-tables", TransitImport::routeTables)) {
      TransitGatewayRouteTable t = placed.resource();
      b.transitGatewayRouteTables.add(t.with(r.read("search-transit-gateway-routes." + t.id(), TransitImport::routes),
          r.read("get-transit-gateway-route-table-associations." + t.id(),
              (f, n) -> TransitImport.attachmentIds(f, n, "Associations", "associated")),
          r.read("get-transit-gateway-route-table-propagations." + t.id(),
              (f, n) -> TransitImport.attachmentIds(f, n, "TransitGatewayRouteTablePropagations", "enabled"))));
      b.place(t.id(), owned(placed.placement(), owner));
    }
    for (var g : r.read("describe-vpn-gateways", TransitImport::vpnGateways)) {
      b.vpnGateways.add(g.resource());
      b.place(g.resource().id(), owned(g.placement(), owner));
    }
    for (var v : r.read("describe-vpn-connections", TransitImport::vpnConnections)) {
      b.vpnConnections.add(v.resource());
      b.place(v.resource().id(), owned(v.placement(), owner));
    }
    for (var c : r.read("describe-customer-gateways", TransitImport::customerGateways)) {
      b.customerGateways.add(c.resource());
      b.place(c.resource().id(), owned(c.placement(), owner));
    }
    return b.build();
  }

  private static Placement owned(Placement p, String owner) {
    return p.ownerId().isEmpty() ? new Placement(p.region(), owner, p.tags()) : p;
  }

  /**
   * The VPC with what describe-vpcs leaves to other files: its DNS attributes, and the ids of its
   * main route table, default NACL and default security group (null when those files lack them).
   */
  private static Vpc completed(Reader r, Vpc v, Network.Builder b) {
    boolean support = r.attribute(v.id(), "enableDnsSupport").orElse(v.enableDnsSupport());
    boolean hostnames = r.attribute(v.id(), "enableDnsHostnames").orElse(v.enableDnsHostnames());
    String main = b.routeTables.stream().filter(t -> t.vpcId().equals(v.id()) && t.isMain()).map(RouteTable::id)
        .findFirst().orElse(null);
    String acl = b.networkAcls.stream().filter(a -> a.vpcId().equals(v.id()) && a.isDefault()).map(NetworkAcl::id)
        .findFirst().orElse(null);
    String group = b.securityGroups.stream().filter(g -> g.vpcId().equals(v.id()) && g.name().equals("default"))
        .map(SecurityGroup::id).findFirst().orElse(null);
    return new Vpc(v.id(), v.cidrBlocks(), v.ipv6CidrBlocks(), v.isDefault(), v.instanceTenancy(), v.dhcpOptionsId(),
        support, hostnames, main, acl, group);
  }

  /** A NAT gateway's interface, built from describe-nat-gateways as AWS shows it, when describe-network-interfaces lacks it. */
  private static Optional<VpcImport.Placed<NetworkInterface>> natInterface(NatGateway n, Placement p, Network.Builder b) {
    if (n.networkInterfaceId() == null) return Optional.empty();
    String zone = b.subnets.stream().filter(s -> s.id().equals(n.subnetId())).map(Subnet::availabilityZone)
        .findFirst().orElse("");
    return Optional.of(new VpcImport.Placed<>(new NetworkInterface(n.networkInterfaceId(), n.subnetId(), n.vpcId(), zone,
        n.privateIp(), List.of(), List.of(), "in-use", "nat_gateway", "Interface for NAT Gateway " + n.id(), null, true,
        false, null, n.publicIp() == null ? null : new NetworkInterface.PublicIp(n.publicIp(), n.allocationId(), null)),
        new Placement(p.region(), p.ownerId(), Map.of())));
  }

  /** Reads one Region folder's files, recording problems instead of failing. */
  private static final class Reader {
    private final Path dir;
    private final String region;
    private final List<Problem> problems;

    Reader(Path dir, String region, List<Problem> problems) {
      this.dir = dir;
      this.region = region;
      this.problems = problems;
    }

    <T> List<T> read(String command, BiFunction<DescribeFile, JsonNode, List<T>> parse) {
      Path file = dir.resolve(command + ".json");
      String name = region + "/" + command + ".json";
      if (!Files.isRegularFile(file)) return List.of();
      try {
        JsonNode root = JSON.readTree(file.toFile());
        return parse.apply(new DescribeFile(name, region), root);
      } catch (JacksonException e) {
        problems.add(new Problem(name, name + ": not valid JSON: " + e.getOriginalMessage()));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(name, e.getMessage()));
      }
      return List.of();
    }

    /** {@code describe-vpc-attribute.<vpc>.<attribute>.json}: {@code {"EnableDnsSupport": {"Value": true}}}. */
    Optional<Boolean> attribute(String vpcId, String attribute) {
      String key = Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
      List<Boolean> v = read("describe-vpc-attribute." + vpcId + "." + attribute, (f, n) -> {
        JsonNode a = n.get(key);
        if (a == null || !a.isObject()) throw f.bad(vpcId, key, "missing");
        return List.of(f.bool(a, vpcId, key + ".Value", false));
      });
      return v.stream().findFirst();
    }
  }
}
