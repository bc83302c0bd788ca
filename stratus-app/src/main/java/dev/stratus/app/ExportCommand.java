package dev.stratus.app;

import dev.stratus.ec2.insights.DescribeExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus export DIR}: a running Stratus's EC2 networks as {@code aws ec2 describe-*} files. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write the EC2 network of a running Stratus (or any EC2 endpoint) as the "
    + "JSON of aws ec2 describe-* calls: DIR/<region>/describe-vpcs.json, ...")
final class ExportCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write (created if needed).")
  Path dir;

  @Mixin EndpointOptions where;

  @Option(names = "--region", split = ",", description = "Regions to export (default ${DEFAULT-VALUE}).")
  List<String> regions = List.of("us-east-1");

  @Override
  public Integer call() {
    String endpoint = where.endpoint().url();
    int files = 0;
    for (String region : regions) {
      try (var ec2 = Ec2Connection.client(endpoint, region)) {
        files += DescribeExport.region(ec2, dir, region).size();
      } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
        throw new IllegalStateException("no Stratus answers at " + endpoint + " (" + e.getMessage() + ")", e);
      }
    }
    System.out.println("Wrote " + files + " files for " + String.join(", ", regions) + " under " + dir);
    return 0;
  }
}
