package dev.stratus.app;

import dev.stratus.ec2.reachability.Network;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stratus import DIR}: reads a folder of {@code aws ec2 describe-*} output (one folder per
 * Region, one file per call) and reports what it holds and which files it could not use, so the
 * folder can then be analysed offline with {@code stratus reach --import DIR} and
 * {@code stratus audit --import DIR}.
 */
@Command(name = "import", description = "Read a folder of aws ec2 describe-* output (DIR/<region>/describe-vpcs.json, "
    + "...) and report what it holds; analyse it with reach --import DIR and audit --import DIR. "
    + "Exit code 0: every file read; 1: some files skipped.")
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of describe-* output.")
  Path dir;

  @Override
  public Integer call() {
    var problems = new java.util.ArrayList<String>();
    Network n;
    try {
      var r = dev.stratus.ec2.reachability.ReachabilityImport.fromDescribeOutputs(dir);
      r.problems().forEach(p -> problems.add(p.message()));
      n = r.network();
    } catch (RuntimeException e) {
      System.err.println("stratus import: " + e.getMessage());
      return 2;
    }
    System.out.println("Regions: " + String.join(", ", n.regions()));
    System.out.printf("%d VPCs, %d subnets, %d route tables, %d security groups, %d network ACLs, %d instances, "
        + "%d network interfaces%n", n.vpcs().size(), n.subnets().size(), n.routeTables().size(),
        n.securityGroups().size(), n.networkAcls().size(), n.instances().size(), n.networkInterfaces().size());
    System.out.printf("%d internet gateways, %d NAT gateways, %d peering connections, %d transit gateways "
        + "(%d attachments, %d route tables), %d VPC endpoints, %d VPN connections%n", n.internetGateways().size(),
        n.natGateways().size(), n.vpcPeeringConnections().size(), n.transitGateways().size(),
        n.transitGatewayAttachments().size(), n.transitGatewayRouteTables().size(), n.vpcEndpoints().size(),
        n.vpnConnections().size());
    problems.forEach(p -> System.out.println("skipped: " + p));
    System.out.println("Analyse it: stratus reach SRC DST --import " + dir + "   |   stratus audit --import " + dir);
    return problems.isEmpty() ? 0 : 1;
  }
}
