package dev.stratus.ec2.insights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * Writes one Region of an EC2 endpoint as the files {@code aws ec2 describe-* > file.json} would
 * leave, in the layout {@link dev.stratus.ec2.reachability.ReachabilityImport} reads: one file per
 * call, per-resource calls suffixed with the resource id. The JSON is the SDK response as the AWS
 * CLI prints it ({@link CliJson}). This is the one export path: {@code stratus export} and the
 * round-trip tests use it.
 */
public final class DescribeExport {
  private final Ec2Client ec2;
  private final Path dir;
  private final List<Path> written = new ArrayList<>();

  private DescribeExport(Ec2Client ec2, Path dir) {
    this.ec2 = ec2;
    this.dir = dir;
  }

  /** Exports the client's Region into {@code root/<region>}; returns the files written. */
  public static List<Path> region(Ec2Client ec2, Path root, String region) {
    DescribeExport x = new DescribeExport(ec2, root.resolve(region));
    x.all();
    return x.written;
  }

  private void all() {
    var vpcs = ec2.describeVpcs(r -> {});
    write("describe-vpcs", vpcs);
    for (var v : vpcs.vpcs()) {
      write("describe-vpc-attribute." + v.vpcId() + ".enableDnsSupport",
          ec2.describeVpcAttribute(r -> r.vpcId(v.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)));
      write("describe-vpc-attribute." + v.vpcId() + ".enableDnsHostnames",
          ec2.describeVpcAttribute(r -> r.vpcId(v.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)));
    }
    write("describe-subnets", ec2.describeSubnets(r -> {}));
    write("describe-route-tables", ec2.describeRouteTables(r -> {}));
    write("describe-network-acls", ec2.describeNetworkAcls(r -> {}));
    write("describe-security-groups", ec2.describeSecurityGroups(r -> {}));
    // describe-security-groups prints no rule ids; this file gives the import the rules' own.
    write("describe-security-group-rules", ec2.describeSecurityGroupRules(r -> {}));
    write("describe-network-interfaces", ec2.describeNetworkInterfaces(r -> {}));
    write("describe-instances", ec2.describeInstances(r -> {}));
    write("describe-internet-gateways", ec2.describeInternetGateways(r -> {}));
    write("describe-nat-gateways", ec2.describeNatGateways(r -> {}));
    write("describe-vpc-endpoints", ec2.describeVpcEndpoints(r -> {}));
    write("describe-vpc-peering-connections", ec2.describeVpcPeeringConnections(r -> {}));
    var lists = ec2.describeManagedPrefixLists(r -> {});
    write("describe-managed-prefix-lists", lists);
    for (var pl : lists.prefixLists()) {
      write("get-managed-prefix-list-entries." + pl.prefixListId(),
          ec2.getManagedPrefixListEntries(r -> r.prefixListId(pl.prefixListId())));
    }
    write("describe-transit-gateways", ec2.describeTransitGateways(r -> {}));
    write("describe-transit-gateway-attachments", ec2.describeTransitGatewayAttachments(r -> {}));
    write("describe-transit-gateway-vpc-attachments", ec2.describeTransitGatewayVpcAttachments(r -> {}));
    var tables = ec2.describeTransitGatewayRouteTables(r -> {});
    write("describe-transit-gateway-route-tables", tables);
    for (var t : tables.transitGatewayRouteTables()) {
      String id = t.transitGatewayRouteTableId();
      write("search-transit-gateway-routes." + id, ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(id)
          .filters(Filter.builder().name("type").values("static", "propagated").build())));
      write("get-transit-gateway-route-table-associations." + id,
          ec2.getTransitGatewayRouteTableAssociations(r -> r.transitGatewayRouteTableId(id)));
      write("get-transit-gateway-route-table-propagations." + id,
          ec2.getTransitGatewayRouteTablePropagations(r -> r.transitGatewayRouteTableId(id)));
    }
    write("describe-vpn-gateways", ec2.describeVpnGateways(r -> {}));
    write("describe-vpn-connections", ec2.describeVpnConnections(r -> {}));
    write("describe-customer-gateways", ec2.describeCustomerGateways(r -> {}));
  }

  private void write(String command, SdkPojo response) {
    try {
      Files.createDirectories(dir);
      Path f = dir.resolve(command + ".json");
      Files.writeString(f, CliJson.text(response) + "\n");
      written.add(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
