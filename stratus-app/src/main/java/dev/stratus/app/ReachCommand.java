package dev.stratus.app;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.insights.AnalysisVerdicts;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.Query;
import dev.stratus.ec2.reachability.ReachabilityAnalysis;
import dev.stratus.ec2.reachability.ReachabilityVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;

/**
 * {@code stratus reach SRC DST}: can SRC reach DST, hop by hop, or what blocks it. Against a running
 * Stratus it asks the Network Insights API (CreateNetworkInsightsPath, StartNetworkInsightsAnalysis,
 * DescribeNetworkInsightsAnalyses until finished); with {@code --import DIR} it analyses a folder of
 * describe-* output offline with the same engine.
 */
@Command(name = "reach", mixinStandardHelpOptions = true, description = "Tell whether SRC reaches DST and print the path hop by hop, or the rule "
    + "that blocks it. SRC and DST are resource ids/ARNs (instance, ENI, IGW, TGW attachment, VPC endpoint, peering "
    + "connection, VPN gateway) or IP addresses. Exit code 0: reachable; 1: not reachable; 2: bad input.")
final class ReachCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  /** How long to wait for an analysis to finish. */
  private static final Duration ANALYSIS_TIMEOUT = Duration.ofSeconds(120);

  @Parameters(index = "0", paramLabel = "SRC") String source;

  @Parameters(index = "1", paramLabel = "DST") String destination;

  @Option(names = "--protocol", description = "tcp, udp or icmp (icmp offline only; default ${DEFAULT-VALUE}).")
  String protocol = "tcp";

  @Option(names = "--port", description = "Destination port (default: any); name Stratus with --endpoint or $STRATUS_ENDPOINT.")
  Integer port;

  @Option(names = "--source-ip", description = "Source address (e.g. an on-premises or internet host).")
  String sourceIp;

  @Option(names = "--dest-ip", description = "Destination address.") String destinationIp;

  @Option(names = "--import", paramLabel = "DIR", description = "Analyse a folder of aws ec2 describe-* output offline.")
  Path importDir;

  @Mixin EndpointOptions.UrlOnly where;

  @Option(names = "--region", description = "Region of the path (default ${DEFAULT-VALUE}).")
  String region = "us-east-1";

  @Override
  public Integer call() throws InterruptedException {
    try {
      ReachabilityVerdict v = importDir != null ? offline() : online();
      System.out.print(v.toText());
      return v.networkPathFound() ? 0 : 1;
    } catch (IllegalArgumentException e) {
      System.err.println("stratus reach: " + e.getMessage());
      return 2;
    }
  }

  private ReachabilityVerdict offline() {
    Protocol p = Protocol.fromAws(protocol);
    Optional<String> srcIp = Optional.ofNullable(sourceIp).or(() -> address(source));
    Optional<String> dstIp = Optional.ofNullable(destinationIp).or(() -> address(destination));
    Query q = new Query(address(source).isPresent() ? Optional.empty() : Optional.of(source),
        address(destination).isPresent() ? Optional.empty() : Optional.of(destination),
        srcIp.map(Cidr::parseBlockOrAddress), dstIp.map(Cidr::parseBlockOrAddress), p, Optional.ofNullable(port), Optional.empty());
    return ReachabilityAnalysis.analyze(NetworkSource.fromFolder(importDir, System.err), q);
  }

  private ReachabilityVerdict online() throws InterruptedException {
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("the Network Insights API analyses tcp or udp; use --import DIR for " + protocol);
    }
    if (address(source).isPresent()) {
      throw new IllegalArgumentException("the Network Insights API needs a source resource; give the address with "
          + "--source-ip and a resource (e.g. the internet gateway) as SRC");
    }
    Optional<String> dstAddress = address(destination);
    String endpoint = where.endpoint().url();
    try (Ec2Client ec2 = Ec2Connection.client(endpoint, region)) {
      var path = ec2.createNetworkInsightsPath(r -> {
        r.source(source).protocol(protocol).destinationPort(port).sourceIp(sourceIp).destinationIp(destinationIp);
        if (dstAddress.isPresent()) r.filterAtSource(f -> f.destinationAddress(dstAddress.get()));
        else r.destination(destination);
      }).networkInsightsPath();
      String id = ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(path.networkInsightsPathId()))
          .networkInsightsAnalysis().networkInsightsAnalysisId();
      Instant deadline = Instant.now().plus(ANALYSIS_TIMEOUT);
      NetworkInsightsAnalysis a;
      do {
        a = ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id)).networkInsightsAnalyses().get(0);
        if (!"running".equals(a.statusAsString())) break;
        Thread.sleep(200);
      } while (Instant.now().isBefore(deadline));
      System.out.println("Path " + path.networkInsightsPathId() + ", analysis " + id + ": " + a.statusAsString());
      if (!"succeeded".equals(a.statusAsString())) {
        throw new IllegalArgumentException("analysis " + a.statusAsString()
            + (a.statusMessage() == null ? "" : ": " + a.statusMessage()));
      }
      return AnalysisVerdicts.of(a);
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      throw new IllegalArgumentException(e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
    } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
      throw new IllegalArgumentException("no Stratus answers at " + endpoint + " (" + e.getMessage() + ")");
    }
  }

  /** The address {@code text} names, if it is one rather than a resource id. */
  private static Optional<String> address(String text) {
    if (text == null || !text.matches("[0-9a-fA-F:.]+")) return Optional.empty();
    return Cidr.tryParseBlockOrAddress(text).filter(Cidr::isAddress).map(c -> text);
  }
}
