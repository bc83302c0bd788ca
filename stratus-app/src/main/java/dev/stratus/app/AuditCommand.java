package dev.stratus.app;

import dev.stratus.ec2.reachability.Finding;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.NetworkAudit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stratus audit}: risky network configuration, each finding with its fix. Reads a
 * describe-* folder ({@code --import}) or a running Stratus, whose networks it reads through the
 * EC2 Describe* APIs (as {@code stratus export} would write them) before auditing.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "List risky EC2 network configurations with the fix for each. Exit code 0: none found; 1: findings.")
final class AuditCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Option(names = "--import", paramLabel = "DIR", description = "Audit a folder of aws ec2 describe-* output.")
  Path importDir;

  @Mixin EndpointOptions where;

  @Option(names = "--region", split = ",", description = "Regions to read from the endpoint (default ${DEFAULT-VALUE}).")
  List<String> regions = List.of("us-east-1");

  @Override
  public Integer call() {
    Network n = importDir != null ? NetworkSource.fromFolder(importDir, System.err)
        : NetworkSource.fromEndpoint(where.endpoint().url(), regions, System.err);
    List<Finding> findings = NetworkAudit.findings(n);
    if (findings.isEmpty()) {
      System.out.println("No findings in " + n.vpcs().size() + " VPCs.");
      return 0;
    }
    for (Finding f : findings) {
      System.out.println(f.severity() + "  " + f.type() + "  " + f.resourceId() + " (" + f.region() + ")");
      System.out.println("    " + f.message());
      System.out.println("    Fix: " + f.fix());
    }
    System.out.println(findings.size() + " finding(s) in " + n.vpcs().size() + " VPCs.");
    return 1;
  }
}
