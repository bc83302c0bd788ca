package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.model.CloudFrontChanges;
import dev.stratus.cloudfront.model.CloudFrontView;
import dev.stratus.core.store.Store;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * The edge's view of the control plane: reads distributions and policies from {@link
 * CloudFrontView}, and follows committed changes ({@link CloudFrontChanges}) by redeploying,
 * removing or invalidating at the edge, on one thread of its own (change events arrive on the
 * store's writer thread, which must not wait for the edge).
 */
public final class ControlPlaneFeed implements EdgeConfigSource, CloudFrontChanges, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ControlPlaneFeed.class.getName());

  private final CloudFrontView view;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stratus-cloudfront-feed");
    t.setDaemon(true);
    return t;
  });
  private volatile CloudFrontEdge edge;

  public ControlPlaneFeed(CloudFrontView view) {
    this.view = view;
  }

  /** Starts following {@code store} for {@code target}. */
  public void follow(Store store, CloudFrontEdge target) {
    this.edge = target;
    CloudFrontChanges.follow(store, this);
  }

  @Override
  public Collection<EdgeDistribution> distributions() {
    return view.distributions().stream().map(ControlPlaneFeed::edgeView).toList();
  }

  @Override
  public Optional<EdgeDistribution> distribution(String id) {
    return view.distribution(id).map(ControlPlaneFeed::edgeView);
  }

  @Override
  public Optional<CachePolicyConfig> cachePolicy(String id) { return view.cachePolicy(id); }

  @Override
  public Optional<OriginRequestPolicyConfig> originRequestPolicy(String id) { return view.originRequestPolicy(id); }

  @Override
  public Optional<ResponseHeadersPolicyConfig> responseHeadersPolicy(String id) { return view.responseHeadersPolicy(id); }

  @Override
  public Optional<LiveFunction> liveFunction(String functionArn) {
    return view.liveFunction(functionArn).map(f -> new LiveFunction(f.arn(), f.runtime(),
        new String(f.code(), java.nio.charset.StandardCharsets.UTF_8), f.keyValueStoreId()));
  }

  @Override
  public void distributionChanged(String id) { run(e -> e.deploy(id)); }

  @Override
  public void distributionDeleted(String id) { run(e -> e.remove(id)); }

  @Override
  public void invalidated(String distributionId, List<String> paths) { run(e -> e.invalidate(distributionId, paths)); }

  @Override
  public void dependencyChanged() { run(CloudFrontEdge::refreshAll); }

  private void run(java.util.function.Consumer<CloudFrontEdge> task) {
    CloudFrontEdge target = edge;
    if (target == null) return;
    worker.execute(() -> {
      try {
        task.accept(target);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the CloudFront edge could not follow a change", e);
      }
    });
  }

  private static EdgeDistribution edgeView(CloudFrontView.DeployedDistribution d) {
    return new EdgeDistribution(d.id(), d.arn(), d.domainName(), d.config());
  }

  @Override
  public void close() { worker.shutdownNow(); }
}
