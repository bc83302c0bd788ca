package dev.stratus.app;

import dev.stratus.ec2.reachability.Finding;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.NetworkAudit;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * {@code stratus audit}: risky network configuration, each finding with its fix. Reads a
 * describe-* folder ({@code --import}) or a running Stratus, whose networks it reads through the
 * EC2 Describe* APIs (as {@code stratus export} would write them) before auditing; a running
 * Stratus also has its Route 53 failover health checks audited.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "List risky EC2 network configurations with the fix for each. Exit code 0: none found; 1: findings.")
final class AuditCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Option(names = "--import", paramLabel = "DIR", description = "Audit a folder of aws ec2 describe-* output.")
  Path importDir;

  @Mixin EndpointOptions where;

  @Option(names = "--region", split = ",", description = "Regions to read from the endpoint (default ${DEFAULT-VALUE}).")
  List<String> regions = List.of("us-east-1");

  /** Route 53 failover findings of the endpoint's account; none (with a note) where it serves no Route 53. */
  private List<Finding> route53Findings() {
    try (var r53 = Route53Client.builder().endpointOverride(URI.create(where.endpoint().url())).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      return FailoverHealthAudit.findings(r53);
    } catch (SdkException e) {
      System.err.println("Route 53 not audited: " + e.getMessage());
      return List.of();
    }
  }

  @Override
  public Integer call() {
    Network n = importDir != null ? NetworkSource.fromFolder(importDir, System.err)
        : NetworkSource.fromEndpoint(where.endpoint().url(), regions, System.err);
    List<Finding> findings = new ArrayList<>(NetworkAudit.findings(n));
    if (importDir == null) findings.addAll(route53Findings());
    findings.sort(Comparator.comparing(Finding::severity));
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
