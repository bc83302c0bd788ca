package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** CloudFront inside Stratus: the control plane over the store. */
public final class CloudFrontModule implements ServiceModule {
  private final CloudFrontSettings settings;

  public CloudFrontModule() { this(CloudFrontSettings.fromSystemProperties()); }

  public CloudFrontModule(CloudFrontSettings settings) { this.settings = settings; }

  @Override
  public String name() { return "cloudfront"; }

  @Override
  public Started start(StratusContext context) {
    var resources = new CloudFrontResources(context.store(), context.clock(), context.extensions(), settings);
    for (Distribution d : context.store().list(Distribution.TABLE, Distribution.SCOPE)) resources.registerName(d);
    resources.webAcls(); // tells WAF again which distributions name a web ACL, when WAF started first
    return Started.handlers(new DistributionOperations(resources), new PolicyOperations(resources),
        new InvalidationOperations(resources), new FunctionOperations(resources), new TagOperations(resources),
        new OriginAccessControlOperations(resources), new KeyValueStoreOperations(resources),
        new OriginAccessIdentityOperations(resources));
  }
}
