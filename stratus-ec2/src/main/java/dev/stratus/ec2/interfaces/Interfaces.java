package dev.stratus.ec2.interfaces;

import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.SubnetAddressing;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates network interfaces for instances, NAT gateways and endpoints: the lowest free private
 * address of the subnet (vpc.md §6), a MAC address, and public addresses from Stratus's pool.
 */
public final class Interfaces {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The RequesterId AWS shows on an interface VPC endpoint's interfaces: the account in the EC2 User
   * Guide's example output ("Requester-managed network interfaces"), which names no Region.
   */
  public static final String VPC_ENDPOINT_REQUESTER = "727180483921";

  /**
   * The RequesterId AWS shows on a NAT gateway's interface: an AWS account of the Region's NAT
   * service, so it differs by Region. Only the Regions seen in captured DescribeNetworkInterfaces
   * output are here; elsewhere Stratus leaves it empty rather than guess.
   */
  private static final java.util.Map<String, String> NAT_GATEWAY_REQUESTERS = java.util.Map.of(
      "eu-west-1", "036872051663",
      "eu-central-1", "128792236543");

  private Interfaces() {}

  /** The RequesterId of a NAT gateway's interface in {@code region}; null where it is not known. */
  public static String natGatewayRequester(String region) {
    return NAT_GATEWAY_REQUESTERS.get(region);
  }

  public static NetworkInterface create(Transaction tx, String scope, Subnet subnet, String requestedIp, List<String> groups,
      String interfaceType, String description, boolean requesterManaged) {
    Set<String> used = tx.listBy(Ec2Tables.NETWORK_INTERFACE_BY_SUBNET, scope, subnet.id()).stream()
        .map(NetworkInterface::privateIpAddress).collect(Collectors.toSet());
    String ip;
    if (requestedIp != null) {
      Ec2Errors.throwIf(InterfaceRules.privateIp(subnet.cidr(), requestedIp, used));
      ip = requestedIp;
    } else {
      ip = SubnetAddressing.nextFree(subnet.cidr(), used).orElseThrow(() -> Ec2Errors.subnetFull(subnet.id()));
    }
    String mac = String.format("0e:%02x:%02x:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256),
        RANDOM.nextInt(256), RANDOM.nextInt(256), RANDOM.nextInt(256));
    NetworkInterface eni = new NetworkInterface(IdKind.NETWORK_INTERFACE.next(), subnet.id(), subnet.vpcId(),
        subnet.availabilityZone(), ip, List.of(), groups, "available", interfaceType, description == null ? "" : description,
        mac, requesterManaged, true, null, null);
    tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni);
    return eni;
  }

  /** A public IPv4 address from Stratus's pool (an AWS-owned-looking 3.x range), unique in the scope. */
  public static String publicIp(Transaction tx, String scope) {
    Set<String> taken = tx.list(Ec2Tables.ADDRESS, scope).stream().map(a -> a.publicIp()).collect(Collectors.toSet());
    tx.list(Ec2Tables.NETWORK_INTERFACE, scope).stream().filter(e -> e.association() != null)
        .forEach(e -> taken.add(e.association().publicIp()));
    while (true) {
      String ip = "3." + (80 + RANDOM.nextInt(160)) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
      if (!taken.contains(ip)) return ip;
    }
  }

  public static String privateDnsName(String ip, String region) {
    String host = "ip-" + ip.replace('.', '-');
    return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
  }

  static String publicDnsName(String ip, String region) {
    String host = "ec2-" + ip.replace('.', '-');
    return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com" : host + "." + region + ".compute.amazonaws.com";
  }
}
