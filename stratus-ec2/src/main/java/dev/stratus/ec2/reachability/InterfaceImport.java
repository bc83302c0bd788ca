package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.VpcEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads interfaces and what owns them: {@code describe-network-interfaces},
 * {@code describe-instances}, {@code describe-internet-gateways}, {@code describe-nat-gateways},
 * {@code describe-vpc-endpoints}, {@code describe-managed-prefix-lists} and
 * {@code get-managed-prefix-list-entries}.
 */
final class InterfaceImport {
  private InterfaceImport() {}

  static List<VpcImport.Placed<NetworkInterface>> networkInterfaces(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<NetworkInterface>> out = new ArrayList<>();
    for (JsonNode e : f.list(root, "NetworkInterfaces")) out.add(networkInterface(f, e, null, null, null, null));
    return out;
  }

  /**
   * One interface as stored, from a {@code NetworkInterfaces} entry (of describe-network-interfaces,
   * or of an instance, which lacks the zone, the subnet's VPC and the interface type it inherits
   * from the instance). What uses it is what AWS printed: the attachment's instance, the type,
   * the description and the requester (the index resolves the owner from them).
   */
  static VpcImport.Placed<NetworkInterface> networkInterface(DescribeFile f, JsonNode e, String instanceId, String zone,
      String vpcId, String instanceOwner) {
    String id = f.text(e, "", "NetworkInterfaceId");
    List<String> v4 = new ArrayList<>();
    f.optCidr(e, id, "PrivateIpAddress").ifPresent(c -> v4.add(c.address()));
    NetworkInterface.PublicIp publicIp = null;
    for (JsonNode p : f.array(e, id, "PrivateIpAddresses")) {
      String ip = f.cidr(p, id, "PrivateIpAddresses.PrivateIpAddress").address();
      if (!v4.contains(ip)) v4.add(ip);
      JsonNode assoc = p.get("Association");
      if (assoc != null && assoc.isObject() && publicIp == null) publicIp = publicIp(f, assoc, id, "PrivateIpAddresses.Association");
    }
    if (v4.isEmpty()) throw f.bad(id, "PrivateIpAddress", "missing");
    List<String> v6 = new ArrayList<>();
    for (JsonNode p : f.array(e, id, "Ipv6Addresses")) v6.add(f.cidr(p, id, "Ipv6Addresses.Ipv6Address").address());
    JsonNode assoc = e.get("Association");
    if (assoc != null && assoc.isObject()) publicIp = publicIp(f, assoc, id, "Association");
    JsonNode att = e.get("Attachment");
    NetworkInterface.Attachment attachment = null;
    if (att != null && att.isObject()) {
      attachment = new NetworkInterface.Attachment(f.optText(att, id, "Attachment.AttachmentId").orElse(""),
          instanceId != null ? instanceId : f.optText(att, id, "Attachment.InstanceId").orElse(null),
          f.optInt(att, id, "Attachment.DeviceIndex").orElse(0), f.optText(att, id, "Attachment.Status").orElse("attached"),
          f.bool(att, id, "Attachment.DeleteOnTermination", false),
          f.optText(att, id, "Attachment.InstanceOwnerId").orElse(instanceOwner));
    } else if (instanceId != null) {
      attachment = new NetworkInterface.Attachment("", instanceId, 0, "attached", false, instanceOwner);
    }
    String owner = f.optText(e, id, "OwnerId").orElse(instanceOwner == null ? "" : instanceOwner);
    return new VpcImport.Placed<>(new NetworkInterface(id, f.text(e, id, "SubnetId"),
        vpcId != null ? vpcId : f.text(e, id, "VpcId"), zone != null ? zone : f.optText(e, id, "AvailabilityZone").orElse(""),
        v4.get(0), v6, f.ids(e, id, "Groups", "GroupId"),
        f.optText(e, id, "Status").orElse(attachment == null ? "available" : "in-use"),
        f.optText(e, id, "InterfaceType").orElse("interface"), f.optText(e, id, "Description").orElse(""),
        f.optText(e, id, "MacAddress").orElse(null), f.bool(e, id, "RequesterManaged", false),
        f.bool(e, id, "SourceDestCheck", true), attachment, publicIp, f.optText(e, id, "RequesterId").orElse(null),
        v4.subList(1, v4.size())), new Placement(f.region, owner, f.tags(e, id)));
  }

  private static NetworkInterface.PublicIp publicIp(DescribeFile f, JsonNode assoc, String id, String field) {
    return f.optCidr(assoc, id, field + ".PublicIp").map(c -> new NetworkInterface.PublicIp(c.address(),
        f.optText(assoc, id, field + ".AllocationId").orElse(null),
        f.optText(assoc, id, field + ".AssociationId").orElse(null))).orElse(null);
  }

  /** Instances, plus the interfaces they list (used when describe-network-interfaces lacks them). */
  record Instances(List<VpcImport.Placed<Instance>> instances, List<VpcImport.Placed<NetworkInterface>> interfaces) {}

  static Instances instances(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<Instance>> out = new ArrayList<>();
    List<VpcImport.Placed<NetworkInterface>> enis = new ArrayList<>();
    for (JsonNode r : f.list(root, "Reservations")) {
      String reservation = f.optText(r, "", "ReservationId").orElse("");
      String owner = f.optText(r, "", "OwnerId").orElse("");
      for (JsonNode i : f.array(r, "", "Instances")) {
        String id = f.text(i, "", "InstanceId");
        JsonNode st = i.get("State");
        String state = st == null ? "running" : f.optText(st, id, "State.Name").orElse("running");
        String zone = Optional.ofNullable(i.get("Placement")).flatMap(p -> f.optText(p, id, "Placement.AvailabilityZone"))
            .orElse("");
        String vpcId = f.text(i, id, "VpcId");
        List<JsonNode> nics = new ArrayList<>(f.array(i, id, "NetworkInterfaces"));
        nics.sort((a, b) -> Integer.compare(deviceIndex(a), deviceIndex(b)));
        List<String> eniIds = new ArrayList<>();
        for (JsonNode n : nics) {
          var eni = networkInterface(f, n, id, zone, vpcId, owner.isEmpty() ? null : owner);
          eniIds.add(eni.resource().id());
          enis.add(eni);
        }
        out.add(new VpcImport.Placed<>(new Instance(id, reservation, f.optText(i, id, "ImageId").orElse(null),
            f.optText(i, id, "InstanceType").orElse(null), state, f.text(i, id, "SubnetId"), vpcId, zone,
            eniIds.isEmpty() ? null : eniIds.get(0), eniIds, f.optText(i, id, "KeyName").orElse(null),
            f.optText(i, id, "LaunchTime").map(Instant::parse).orElse(null), f.optInt(i, id, "AmiLaunchIndex").orElse(0),
            f.optText(i, id, "ClientToken").orElse(null)), new Placement(f.region, owner, f.tags(i, id))));
      }
    }
    return new Instances(out, enis);
  }

  private static int deviceIndex(JsonNode nic) {
    JsonNode a = nic.get("Attachment");
    return a == null || a.get("DeviceIndex") == null ? 0 : a.get("DeviceIndex").asInt();
  }

  /** Internet gateways as stored: attached to at most one VPC (vpc.md §23). */
  static List<VpcImport.Placed<InternetGateway>> internetGateways(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<InternetGateway>> out = new ArrayList<>();
    for (JsonNode g : f.list(root, "InternetGateways")) {
      String id = f.text(g, "", "InternetGatewayId");
      String vpc = null;
      for (JsonNode a : f.array(g, id, "Attachments")) {
        String state = f.optText(a, id, "Attachments.State").orElse("available");
        if (vpc == null && (state.equals("available") || state.equals("attached"))) vpc = f.text(a, id, "Attachments.VpcId");
      }
      out.add(new VpcImport.Placed<>(new InternetGateway(id, false, vpc),
          new Placement(f.region, f.optText(g, id, "OwnerId").orElse(""), f.tags(g, id))));
    }
    return out;
  }

  /** NAT gateways as stored: the primary address's private and public IP, as AWS prints them. */
  static List<VpcImport.Placed<NatGateway>> natGateways(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<NatGateway>> out = new ArrayList<>();
    for (JsonNode n : f.list(root, "NatGateways")) {
      String id = f.text(n, "", "NatGatewayId");
      List<JsonNode> addrs = f.array(n, id, "NatGatewayAddresses");
      if (addrs.isEmpty()) throw f.bad(id, "NatGatewayAddresses", "missing");
      JsonNode a = addrs.get(0);
      out.add(new VpcImport.Placed<>(new NatGateway(id, f.text(n, id, "SubnetId"), f.text(n, id, "VpcId"),
          f.optText(n, id, "ConnectivityType").orElse("public"), f.text(n, id, "State"),
          f.optText(a, id, "NatGatewayAddresses.NetworkInterfaceId").orElse(null),
          f.cidr(a, id, "NatGatewayAddresses.PrivateIp").address(),
          f.optText(a, id, "NatGatewayAddresses.AllocationId").orElse(null),
          f.optCidr(a, id, "NatGatewayAddresses.PublicIp").map(Cidr::address).orElse(null),
          f.optText(n, id, "CreateTime").map(Instant::parse).orElse(null),
          f.optText(n, id, "DeleteTime").map(Instant::parse).orElse(null)), new Placement(f.region, "", f.tags(n, id))));
    }
    return out;
  }

  /** VPC endpoints as stored. */
  static List<VpcImport.Placed<VpcEndpoint>> vpcEndpoints(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<VpcEndpoint>> out = new ArrayList<>();
    for (JsonNode e : f.list(root, "VpcEndpoints")) {
      String id = f.text(e, "", "VpcEndpointId");
      out.add(new VpcImport.Placed<>(new VpcEndpoint(id, f.text(e, id, "VpcEndpointType"), f.text(e, id, "VpcId"),
          f.text(e, id, "ServiceName"), f.optText(e, id, "State").orElse("available"),
          f.strings(e, id, "RouteTableIds"), f.strings(e, id, "SubnetIds"), f.ids(e, id, "Groups", "GroupId"),
          f.strings(e, id, "NetworkInterfaceIds"), f.bool(e, id, "PrivateDnsEnabled", false),
          f.ids(e, id, "DnsEntries", "DnsName"), f.optText(e, id, "PolicyDocument").orElse(null),
          f.optText(e, id, "CreationTimestamp").map(Instant::parse).orElse(null)),
          new Placement(f.region, f.optText(e, id, "OwnerId").orElse(""), f.tags(e, id))));
    }
    return out;
  }

  /** Prefix lists without entries (entries come from one get-managed-prefix-list-entries file each). */
  static List<VpcImport.Placed<ManagedPrefixList>> prefixLists(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<ManagedPrefixList>> out = new ArrayList<>();
    for (JsonNode p : f.list(root, "PrefixLists")) {
      String id = f.text(p, "", "PrefixListId");
      out.add(new VpcImport.Placed<>(new ManagedPrefixList(id, f.optText(p, id, "PrefixListName").orElse(""),
          f.optText(p, id, "AddressFamily").orElse("IPv4"), List.of()),
          new Placement(f.region, f.optText(p, id, "OwnerId").orElse(""), Map.of())));
    }
    return out;
  }

  static List<Cidr> prefixListEntries(DescribeFile f, JsonNode root) {
    List<Cidr> out = new ArrayList<>();
    for (JsonNode e : f.list(root, "Entries")) out.add(f.cidr(e, "", "Entries.Cidr"));
    return out;
  }
}
