package dev.stratus.cloudfront.dataplane;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * What the edge reads of the control plane: distributions as the SDK's {@link DistributionConfig}
 * and the policies their behaviors name, managed ones included. Read when a distribution is
 * (re)deployed to the edge ({@link CloudFrontEdge#deploy}), never per request. The control plane's
 * {@code CloudFrontView} answers exactly these reads.
 */
public interface EdgeConfigSource extends FunctionCodeSource {

  /**
   * A distribution as the edge serves it.
   *
   * @param domainName AWS's name, {@code d111111abcdef8.cloudfront.net}
   */
  record EdgeDistribution(String id, String arn, String domainName, DistributionConfig config) {
    public EdgeDistribution {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(domainName, "domainName");
      Objects.requireNonNull(config, "config");
    }
  }

  Collection<EdgeDistribution> distributions();

  Optional<EdgeDistribution> distribution(String id);

  /** A cache policy by id, AWS's managed ones included (the edge also knows CachingOptimized/Disabled). */
  Optional<CachePolicyConfig> cachePolicy(String id);

  Optional<OriginRequestPolicyConfig> originRequestPolicy(String id);

  Optional<ResponseHeadersPolicyConfig> responseHeadersPolicy(String id);

  /** No functions unless the control plane gives them (then the edge runs its LIVE code). */
  @Override
  default Optional<LiveFunction> liveFunction(String functionArn) {
    return Optional.empty();
  }
}
