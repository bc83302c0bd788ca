package dev.stratus.ec2.insights;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.TagRules;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.reachability.Protocol;
import dev.stratus.ec2.reachability.Query;
import dev.stratus.ec2.reachability.ReachabilityVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAnalysesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAnalysesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsResponse;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * EC2 API group "Network Insights" (Reachability Analyzer, vpc.md §43–46): paths, analyses and
 * their tags. An analysis runs against the account's committed network at Start, so
 * StartNetworkInsightsAnalysis answers {@code running} and the next Describe shows it
 * {@code succeeded} (or {@code failed} with a StatusMessage).
 */
public final class NetworkInsightsOperations {
  private static final String PATH_PREFIX = "nip-";
  private static final String ANALYSIS_PREFIX = "nia-";

  private final Ec2Store store;
  private final Ec2NetworkSnapshot snapshot;

  public NetworkInsightsOperations(Ec2Store store) {
    this.store = store;
    this.snapshot = new Ec2NetworkSnapshot(store.raw());
  }

  /** The account's network snapshot (for timing and tests). */
  public Ec2NetworkSnapshot snapshot() { return snapshot; }

  public CreateNetworkInsightsPathResponse createNetworkInsightsPath(RequestContext ctx,
      CreateNetworkInsightsPathRequest req) {
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    String protocol = Ec2Store.param(req.protocolAsString(), "Protocol");
    Ec2Errors.throwIf(PathRules.protocol(protocol));
    String filterDestination = Optional.ofNullable(req.filterAtSource()).map(f -> f.destinationAddress()).orElse(null);
    Ec2Errors.throwIf(PathRules.destination(req.destination(), filterDestination));
    String destinationIp = req.destinationIp() != null ? req.destinationIp() : filterDestination;
    var src = PathResources.resolve(view, ctx.accountId(), ctx.region(), "Source", Ec2Store.param(req.source(), "Source"));
    var dst = req.destination() == null ? null
        : PathResources.resolve(view, ctx.accountId(), ctx.region(), "Destination", req.destination());
    Ec2Errors.throwIf(PathRules.address("SourceIp", req.sourceIp()));
    Ec2Errors.throwIf(PathRules.address("DestinationIp", destinationIp));
    Ec2Errors.throwIf(PathRules.port(req.destinationPort()));
    Ec2Store.dryRun(req.dryRun());
    String id = Ec2Id.next(PATH_PREFIX);
    NetworkInsightsPath path = new NetworkInsightsPath(id, arn(ctx, "network-insights-path", id), ctx.receivedAt(),
        src.id(), src.arn(), dst == null ? null : dst.id(), dst == null ? null : dst.arn(), req.sourceIp(),
        destinationIp, protocol, req.destinationPort(), tags(req.tagSpecifications(), "network-insights-path"));
    store.write(ctx, tx -> {
      tx.put(NetworkInsightsTables.PATH, scope, id, path);
      return null;
    });
    return CreateNetworkInsightsPathResponse.builder().networkInsightsPath(InsightsShapes.path(path)).build();
  }

  public DescribeNetworkInsightsPathsResponse describeNetworkInsightsPaths(RequestContext ctx,
      DescribeNetworkInsightsPathsRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    List<NetworkInsightsPath> all = byIds(view, scope, req.networkInsightsPathIds());
    return DescribeNetworkInsightsPathsResponse.builder().networkInsightsPaths(InsightsFilters.paths(req.filters(), all)
        .stream().map(InsightsShapes::path).toList()).build();
  }

  public DeleteNetworkInsightsPathResponse deleteNetworkInsightsPath(RequestContext ctx,
      DeleteNetworkInsightsPathRequest req) {
    String scope = ctx.regionalScope();
    String id = Ec2Store.param(req.networkInsightsPathId(), "NetworkInsightsPathId");
    return store.write(ctx, tx -> {
      requirePath(tx, scope, id);
      Ec2Store.dryRun(req.dryRun());
      tx.delete(NetworkInsightsTables.PATH, scope, id);
      // As the console does: a path's analyses go with it.
      tx.list(NetworkInsightsTables.ANALYSIS, scope).stream().filter(a -> a.pathId().equals(id))
          .forEach(a -> tx.delete(NetworkInsightsTables.ANALYSIS, scope, a.id()));
      return DeleteNetworkInsightsPathResponse.builder().networkInsightsPathId(id).build();
    });
  }

  public StartNetworkInsightsAnalysisResponse startNetworkInsightsAnalysis(RequestContext ctx,
      StartNetworkInsightsAnalysisRequest req) {
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    NetworkInsightsPath path = requirePath(view, scope,
        Ec2Store.param(req.networkInsightsPathId(), "NetworkInsightsPathId"));
    Ec2Store.dryRun(req.dryRun());
    String id = Ec2Id.next(ANALYSIS_PREFIX);
    NetworkInsightsAnalysis started = new NetworkInsightsAnalysis(id, arn(ctx, "network-insights-analysis", id),
        path.id(), ctx.receivedAt(), "running", null, null, null,
        tags(req.tagSpecifications(), "network-insights-analysis"));
    NetworkInsightsAnalysis done = run(ctx, path, started);
    store.write(ctx, tx -> {
      tx.put(NetworkInsightsTables.ANALYSIS, scope, id, done);
      return null;
    });
    return StartNetworkInsightsAnalysisResponse.builder().networkInsightsAnalysis(InsightsShapes.analysis(started))
        .build();
  }

  public DescribeNetworkInsightsAnalysesResponse describeNetworkInsightsAnalyses(RequestContext ctx,
      DescribeNetworkInsightsAnalysesRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    List<NetworkInsightsAnalysis> all = new ArrayList<>();
    if (req.networkInsightsAnalysisIds().isEmpty()) {
      all.addAll(view.list(NetworkInsightsTables.ANALYSIS, scope));
    } else {
      for (String id : req.networkInsightsAnalysisIds()) all.add(requireAnalysis(view, scope, id));
    }
    if (req.networkInsightsPathId() != null) requirePath(view, scope, req.networkInsightsPathId());
    List<NetworkInsightsAnalysis> kept = all.stream()
        .filter(a -> req.networkInsightsPathId() == null || a.pathId().equals(req.networkInsightsPathId()))
        .filter(a -> req.analysisStartTime() == null || !a.startDate().isBefore(req.analysisStartTime()))
        .filter(a -> req.analysisEndTime() == null || !a.startDate().isAfter(req.analysisEndTime())).toList();
    return DescribeNetworkInsightsAnalysesResponse.builder().networkInsightsAnalyses(
        InsightsFilters.analyses(req.filters(), kept).stream().map(InsightsShapes::analysis).toList()).build();
  }

  public DeleteNetworkInsightsAnalysisResponse deleteNetworkInsightsAnalysis(RequestContext ctx,
      DeleteNetworkInsightsAnalysisRequest req) {
    String scope = ctx.regionalScope();
    String id = Ec2Store.param(req.networkInsightsAnalysisId(), "NetworkInsightsAnalysisId");
    return store.write(ctx, tx -> {
      requireAnalysis(tx, scope, id);
      Ec2Store.dryRun(req.dryRun());
      tx.delete(NetworkInsightsTables.ANALYSIS, scope, id);
      return DeleteNetworkInsightsAnalysisResponse.builder().networkInsightsAnalysisId(id).build();
    });
  }

  /** Analyses the path over the account's current network; an unanalysable path fails, as in AWS. */
  private NetworkInsightsAnalysis run(RequestContext ctx, NetworkInsightsPath path, NetworkInsightsAnalysis a) {
    Query q = new Query(Optional.of(path.source()), Optional.ofNullable(path.destination()),
        Optional.ofNullable(path.sourceIp()).map(Cidr::parseBlockOrAddress),
        Optional.ofNullable(path.destinationIp()).map(Cidr::parseBlockOrAddress), Protocol.fromAws(path.protocol()),
        Optional.ofNullable(path.destinationPort()), Optional.empty());
    try {
      ReachabilityVerdict v = snapshot.analysis(ctx.accountId()).analyze(q);
      var shapes = new AnalysisShapes(ctx.region(), ctx.accountId(), snapshot.locations(ctx.accountId()));
      var findings = shapes.findings(v);
      return a.completed("succeeded", null, v.networkPathFound(), CliJson.write(findings).toString());
    } catch (IllegalArgumentException e) {
      return a.completed("failed", e.getMessage(), null, null);
    } catch (RuntimeException e) {
      // Fail closed, as AWS does: the analysis fails with a message; the API call itself succeeded.
      return a.completed("failed", "Internal error analysing the path: " + e, null, null);
    }
  }

  private static String arn(RequestContext ctx, String type, String id) {
    return "arn:aws:ec2:" + ctx.region() + ":" + ctx.accountId() + ":" + type + "/" + id;
  }

  private static Map<String, String> tags(List<TagSpecification> specs, String resourceType) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TagSpecification s : specs) {
      Ec2Errors.throwIf(TagRules.resourceType(s.resourceTypeAsString(), resourceType));
      for (Tag t : s.tags()) out.put(t.key(), t.value() == null ? "" : t.value());
    }
    return out;
  }

  private static List<NetworkInsightsPath> byIds(ReadView view, String scope, List<String> ids) {
    if (ids.isEmpty()) return view.list(NetworkInsightsTables.PATH, scope);
    return ids.stream().map(id -> requirePath(view, scope, id)).toList();
  }

  private static NetworkInsightsPath requirePath(ReadView view, String scope, String id) {
    if (!Ec2Id.wellFormed(id, PATH_PREFIX)) throw NetworkInsightsErrors.pathMalformed(id);
    return view.get(NetworkInsightsTables.PATH, scope, id).orElseThrow(() -> NetworkInsightsErrors.pathNotFound(id));
  }

  private static NetworkInsightsAnalysis requireAnalysis(ReadView view, String scope, String id) {
    if (!Ec2Id.wellFormed(id, ANALYSIS_PREFIX)) throw NetworkInsightsErrors.analysisMalformed(id);
    return view.get(NetworkInsightsTables.ANALYSIS, scope, id)
        .orElseThrow(() -> NetworkInsightsErrors.analysisNotFound(id));
  }
}
