package dev.stratus.app;

import dev.stratus.cloudfront.dataplane.CacheReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code stratus cache DISTRIBUTION_ID}: what the running Stratus's CloudFront edge holds for a
 * distribution, per tier (edge locations, regional edge caches, Origin Shield): objects, hits,
 * misses, RefreshHits, collapsed requests and fetches onward, and the origin fetches, so "the
 * herd reached the origin once" shows without reading logs. Exit code 1 when the distribution is
 * not on the edge or Stratus does not run.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "Show a CloudFront distribution's caches per tier and edge location.")
final class CacheCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Mixin EndpointOptions where;

  @Parameters(paramLabel = "DISTRIBUTION_ID", description = "The distribution, e.g. E2QWRUHAPOMQZL.")
  String distributionId;

  @Override
  public Integer call() {
    StratusEndpoint endpoint = where.endpoint();
    var body = LocalApi.get(endpoint, CacheJson.PATH);
    if (body.isEmpty()) {
      System.err.println("Stratus is not running on " + endpoint + " (or does not serve " + CacheJson.PATH + ")");
      return 1;
    }
    var found = CacheJson.read(body.get()).distributions().stream().filter(d -> d.id().equals(distributionId)).findFirst();
    if (found.isEmpty()) {
      System.err.println("Distribution " + distributionId + " is not on the CloudFront edge of " + endpoint);
      return 1;
    }
    System.out.print(CacheReport.render(distributionId, found.get().tiers(), found.get().originFetches()));
    return 0;
  }
}
