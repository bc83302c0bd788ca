package dev.stratus.cloudfront;

import dev.stratus.cloudfront.dataplane.CloudFrontEdge;
import dev.stratus.cloudfront.dataplane.ControlPlaneFeed;
import dev.stratus.cloudfront.functions.FunctionRuntime;
import dev.stratus.cloudfront.model.CloudFrontView;
import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudFront inside Stratus: the control plane over the store and, when Stratus gives a listener
 * registry, the edge data plane that follows it.
 */
public final class CloudFrontModule implements ServiceModule {
  private final CloudFrontSettings settings;

  public CloudFrontModule() { this(CloudFrontSettings.fromSystemProperties()); }

  public CloudFrontModule(CloudFrontSettings settings) { this.settings = settings; }

  private FunctionRuntime apiOnlyRuntime; // guarded by this

  @Override
  public String name() { return "cloudfront"; }

  /** The edge's functions runtime; without an edge (API-only wiring) one of the module's own. */
  private synchronized FunctionRuntime runtimeFor(StratusContext context) {
    var edge = context.extensions().find(CloudFrontEdge.class);
    if (edge.isPresent()) return edge.get().functionRuntime();
    if (apiOnlyRuntime == null) {
      apiOnlyRuntime = new FunctionRuntime(FunctionRuntime.Limits.standard(),
          new dev.stratus.cloudfront.functions.KeyValueStores().readFrom(new StoredKeyValueStores(context.store())));
    }
    return apiOnlyRuntime;
  }

  /** S3 origins are read through S3's BucketOrigin, and HTTPS served with ACM's Stratus CA, both found when the edge starts. */
  @Override
  public java.util.Set<Class<?>> needs() {
    return java.util.Set.of(dev.stratus.core.s3.BucketOrigin.class, dev.stratus.net.tls.StratusCa.class);
  }

  @Override
  public Started start(StratusContext context) {
    var resources = new CloudFrontResources(context.store(), context.clock(), context.extensions(), settings);
    for (Distribution d : context.store().list(Distribution.TABLE, Distribution.SCOPE)) resources.registerName(d);
    resources.webAcls(); // tells WAF again which distributions name a web ACL, when WAF started first
    // ACM refuses to delete a certificate a distribution's ViewerCertificate names (InUseBy: the distribution).
    Runnable stopUse = dev.stratus.core.acm.CertificateUsers.in(context.extensions()).add(certificateArn ->
        context.store().list(Distribution.TABLE, Distribution.SCOPE).stream()
            .filter(d -> d.config().contains(certificateArn)) // cheap before parsing the config
            .filter(d -> {
              var viewer = d.distributionConfig().viewerCertificate();
              return viewer != null && certificateArn.equals(viewer.acmCertificateArn());
            })
            .map(Distribution::arn).sorted().toList());
    var feed = new ControlPlaneFeed(new CloudFrontView(context.store(), context.clock()));
    var edgeSettings = (context.settings().emulateNetwork() ? CloudFrontEdge.Settings.standard().withEmulatedLatency()
        : CloudFrontEdge.Settings.standard())
        .withCacheBudgets(dev.stratus.cloudfront.dataplane.cache.CacheBudgets.fromSystemProperties());
    // HTTPS at every edge when ACM's Stratus CA is there: aliases' ACM certificates, else *.cloudfront.localhost.
    var ca = context.extensions().find(dev.stratus.net.tls.StratusCa.class);
    if (ca.isPresent()) {
      edgeSettings = edgeSettings.withOriginTrust(ca.get()::certificate).withTls(443, new EdgeTls(new CloudFrontView(context.store(), context.clock()),
          context.extensions().find(dev.stratus.core.acm.Certificates.class), ca.get(), context.clock()));
    }
    List<AutoCloseable> closeables = new ArrayList<>();
    CloudFrontEdge.open(context, feed, edgeSettings).ifPresent(edge -> {
      // functions at the edge read key value stores as the data API writes them
      edge.keyValueStores().readFrom(new StoredKeyValueStores(context.store()));
      feed.follow(context.store(), edge);
      closeables.add(edge);
    });
    closeables.add(feed); // closed first: no change reaches a closed edge
    closeables.add(stopUse::run);
    return new Started(List.of(new DistributionOperations(resources), new PolicyOperations(resources),
        new InvalidationOperations(resources), new FunctionOperations(resources, () -> runtimeFor(context)),
        new TagOperations(resources),
        new OriginAccessControlOperations(resources), new KeyValueStoreOperations(resources),
        new KeyValueStoreDataOperations(resources),
        new OriginAccessIdentityOperations(resources)), closeables, List.of());
  }
}
