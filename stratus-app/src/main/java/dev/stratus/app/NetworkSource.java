package dev.stratus.app;

import dev.stratus.ec2.insights.DescribeExport;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.ReachabilityImport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an offline command reads its network: a folder of {@code aws ec2 describe-*} output, or a
 * running endpoint exported to a temporary folder first (then read the same way).
 */
final class NetworkSource {
  private NetworkSource() {}

  /** The network of a describe-* folder; files that could not be read are listed on {@code err}. */
  static Network fromFolder(Path dir, PrintStream err) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a folder: " + dir);
    ReachabilityImport.Result r = ReachabilityImport.fromDescribeOutputs(dir);
    r.problems().forEach(p -> err.println("skipped " + p.file() + ": " + p.message()));
    return r.network();
  }

  /** The network of a running endpoint's Regions, read through its Describe* APIs. */
  static Network fromEndpoint(String endpoint, List<String> regions, PrintStream err) {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("stratus-export");
      for (String region : regions) {
        try (var ec2 = Ec2Connection.client(endpoint, region)) {
          DescribeExport.region(ec2, tmp, region);
        }
      }
      return fromFolder(tmp, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
      throw new IllegalStateException("no Stratus answers at " + endpoint + " (" + e.getMessage() + ")", e);
    } finally {
      if (tmp != null) delete(tmp);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
