package dev.stratus.app;

import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.ReachabilityImport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code stratus import DIR}: loads a folder of {@code aws ec2 describe-*} output (one folder per
 * Region, one file per call) into a running Stratus through its EC2 API ({@link ApiImport}) and
 * prints which new id stands for which old one; {@code --check} only reads the folder and reports
 * what it holds.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Load a folder of aws ec2 describe-* output (DIR/<region>/describe-vpcs.json, "
    + "...) into a running Stratus through its EC2 API, keeping CIDRs, rules, routes and associations; prints "
    + "old id -> new id. With --check, only read the folder and report what it holds. Exit code 0: everything "
    + "read; 1: some files or resources skipped; 2: failed.")
final class ImportCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of describe-* output.")
  Path dir;

  @Mixin EndpointOptions where;

  @Option(names = "--check", description = "Only read the folder and report what it holds.")
  boolean check;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    Network n;
    try {
      var r = ReachabilityImport.fromDescribeOutputs(dir);
      r.problems().forEach(p -> problems.add(p.message()));
      n = r.network();
    } catch (RuntimeException e) {
      System.err.println("stratus import: " + e.getMessage());
      return 2;
    }
    summary(n);
    problems.forEach(p -> System.out.println("skipped file: " + p));
    if (check) {
      System.out.println("Analyse it: stratus reach SRC DST --import " + dir + "   |   stratus audit --import " + dir);
      return problems.isEmpty() ? 0 : 1;
    }
    String endpoint = where.endpoint().url();
    Map<String, Ec2Client> clients = new HashMap<>();
    try {
      ApiImport im = new ApiImport(region -> clients.computeIfAbsent(region, r -> Ec2Connection.client(endpoint, r)));
      im.run(n);
      im.ids().forEach((old, now) -> System.out.println(old + " -> " + now));
      im.skipped().forEach(s -> System.out.println("skipped: " + s));
      System.out.println("Created " + im.ids().size() + " resources in " + endpoint);
      return problems.isEmpty() && im.skipped().isEmpty() ? 0 : 1;
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      System.err.println("stratus import: " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
      return 2;
    } catch (software.amazon.awssdk.core.exception.SdkClientException | IllegalStateException e) {
      System.err.println("stratus import: " + e.getMessage());
      return 2;
    } finally {
      clients.values().forEach(Ec2Client::close);
    }
  }

  private static void summary(Network n) {
    System.out.println("Regions: " + String.join(", ", n.regions()));
    System.out.printf("%d VPCs, %d subnets, %d route tables, %d security groups, %d network ACLs, %d instances, "
        + "%d network interfaces%n", n.vpcs().size(), n.subnets().size(), n.routeTables().size(),
        n.securityGroups().size(), n.networkAcls().size(), n.instances().size(), n.networkInterfaces().size());
    System.out.printf("%d internet gateways, %d NAT gateways, %d peering connections, %d transit gateways "
        + "(%d attachments, %d route tables), %d VPC endpoints, %d VPN connections%n", n.internetGateways().size(),
        n.natGateways().size(), n.vpcPeeringConnections().size(), n.transitGateways().size(),
        n.transitGatewayAttachments().size(), n.transitGatewayRouteTables().size(), n.vpcEndpoints().size(),
        n.vpnConnections().size());
  }
}
