package dev.stratus.app.plan;

import dev.stratus.app.plan.Plan.Architecture;
import dev.stratus.app.plan.Plan.Kind;
import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.GeoTables;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/**
 * The architecture a running Stratus (or any AWS endpoint) has deployed, read through its API as
 * {@code stratus plan --from-running} needs it: the Regions of its ALBs and NLBs
 * (DescribeLoadBalancers in every Region), whether an accelerator fronts them (Global
 * Accelerator's API, us-west-2: endpoint groups whose endpoints are those balancers) and whether a
 * CloudFront distribution has them as an origin (its origins' domain names).
 *
 * <p>An accelerator wins over a distribution (it carries all the traffic it fronts); the Regions
 * are those of the fronted balancers, else of every balancer.
 */
public final class RunningArchitecture {
  /** The name of the architecture read from the running deployment. */
  public static final String NAME = "current (running)";

  /**
   * What was found.
   *
   * @param architecture the candidate for the planner
   * @param evidence one line per fact it rests on (which accelerator fronts which balancer, …)
   */
  public record Found(Architecture architecture, List<String> evidence) {}

  /** A balancer and where it runs. */
  private record Balancer(String arn, String name, String type, String region, String dnsName) {
    /** {@code <name>-<id>.elb.<region>.amazonaws.com}: AWS's form of Stratus's {@code …<region>.elb.localhost}. */
    String awsDnsName() {
      String local = dnsName.toLowerCase(Locale.ROOT);
      String suffix = "." + region + ".elb.localhost";
      return local.endsWith(suffix) ? local.substring(0, local.length() - suffix.length()) + ".elb." + region + ".amazonaws.com" : local;
    }
  }

  private RunningArchitecture() {}

  /**
   * Reads the deployment behind {@code endpoint}.
   *
   * @throws IllegalStateException when no ALB or NLB is deployed (there is no architecture to plan)
   * @throws SdkException when the endpoint does not answer
   */
  public static Found read(URI endpoint, GeoTables tables) {
    return read(endpoint, tables, tables.regions().stream().map(AwsRegion::code).toList());
  }

  /** As {@link #read(URI, GeoTables)}, looking for balancers in {@code regionCodes} only. */
  public static Found read(URI endpoint, GeoTables tables, java.util.Collection<String> regionCodes) {
    for (String code : regionCodes) {
      if (tables.region(code).isEmpty()) throw new IllegalArgumentException("unknown region \"" + code + "\"");
    }
    Map<String, Balancer> balancers = new LinkedHashMap<>();
    // One Region per thread: each is a separate client (the SigV4 scope names the Region).
    List<java.util.concurrent.Future<List<Balancer>>> perRegion = new ArrayList<>();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (String region : regionCodes) {
        perRegion.add(threads.submit(() -> {
          try (var elb = client(ElasticLoadBalancingV2Client.builder(), endpoint, Region.of(region))) {
            return elb.describeLoadBalancersPaginator(r -> {}).loadBalancers().stream()
                .map(lb -> new Balancer(lb.loadBalancerArn(), lb.loadBalancerName(), lb.typeAsString(), region,
                    lb.dnsName())).toList();
          }
        }));
      }
      for (var f : perRegion) f.get().forEach(b -> balancers.put(b.arn(), b));
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the load balancers", e);
    }
    if (balancers.isEmpty()) {
      throw new IllegalStateException("no load balancer (ALB or NLB) is deployed at " + endpoint
          + "; nothing to read as the current architecture");
    }
    List<String> evidence = new ArrayList<>();
    for (Balancer b : balancers.values()) {
      evidence.add(b.type() + " load balancer " + b.name() + " in " + b.region());
    }
    Set<Balancer> accelerated = new LinkedHashSet<>();
    try (var ga = client(GlobalAcceleratorClient.builder(), endpoint, Region.US_WEST_2)) {
      for (var a : ga.listAcceleratorsPaginator(r -> {}).accelerators()) {
        if (!Boolean.TRUE.equals(a.enabled())) continue; // a disabled accelerator carries nothing
        for (var l : ga.listListenersPaginator(r -> r.acceleratorArn(a.acceleratorArn())).listeners()) {
          for (var g : ga.listEndpointGroupsPaginator(r -> r.listenerArn(l.listenerArn())).endpointGroups()) {
            for (var e : g.endpointDescriptions()) {
              Balancer b = balancers.get(e.endpointId());
              if (b != null && accelerated.add(b)) {
                evidence.add("accelerator " + a.name() + " fronts " + b.name() + " (endpoint group " + g.endpointGroupRegion() + ")");
              }
            }
          }
        }
      }
    }
    Set<Balancer> distributed = new LinkedHashSet<>();
    try (var cf = client(CloudFrontClient.builder(), endpoint, Region.AWS_GLOBAL)) {
      String marker = null;
      do {
        String from = marker;
        var list = cf.listDistributions(r -> r.marker(from)).distributionList();
        for (DistributionSummary d : list.items()) {
          if (!Boolean.TRUE.equals(d.enabled()) || d.origins() == null) continue;
          for (var o : d.origins().items()) {
            String domain = o.domainName().toLowerCase(Locale.ROOT).replaceFirst("^dualstack\\.", "");
            for (Balancer b : balancers.values()) {
              if ((domain.equals(b.dnsName().toLowerCase(Locale.ROOT)) || domain.equals(b.awsDnsName())) && distributed.add(b)) {
                evidence.add("distribution " + d.id() + " has " + b.name() + " as origin " + o.id());
              }
            }
          }
        }
        marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
      } while (marker != null);
    }
    Set<Balancer> fronted = !accelerated.isEmpty() ? accelerated
        : !distributed.isEmpty() ? distributed : new LinkedHashSet<>(balancers.values());
    List<String> regions = fronted.stream().map(Balancer::region).distinct().toList();
    boolean single = regions.size() == 1;
    Kind kind = !accelerated.isEmpty()
        ? (single ? Kind.SINGLE_REGION_GLOBAL_ACCELERATOR : Kind.MULTI_REGION_GLOBAL_ACCELERATOR)
        : !distributed.isEmpty() ? (single ? Kind.SINGLE_REGION_CLOUDFRONT : Kind.MULTI_REGION_CLOUDFRONT)
        : (single ? Kind.SINGLE_REGION : Kind.MULTI_REGION);
    return new Found(new Architecture(NAME, kind.text(), regions, null), evidence);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint,
      Region region) {
    return builder.endpointOverride(endpoint).region(region)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
