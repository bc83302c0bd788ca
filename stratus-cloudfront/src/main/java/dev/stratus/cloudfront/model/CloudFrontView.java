package dev.stratus.cloudfront.model;

import dev.stratus.core.store.ReadView;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * What the edge data plane reads of the control plane: each distribution's current config as the
 * SDK's {@link DistributionConfig}, and the policies and functions its behaviors name, managed
 * and custom. Reads committed state; cheap enough per change, not per request (parse once per
 * {@link DeployedDistribution#etag()}).
 */
public final class CloudFrontView {
  private final ReadView store;
  private final Clock clock;

  public CloudFrontView(ReadView store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * A distribution as the edge serves it.
   *
   * @param domainName AWS's name, {@code d…cloudfront.net}; Stratus's DNS answers
   *     {@link #localDomainName()}
   * @param status {@code InProgress} or {@code Deployed} now
   * @param etag changes with every update of {@code config}
   * @param config as stored, AWS's defaults filled in; {@code config.enabled()} false means AWS
   *     stops serving the distribution (its name still resolves)
   */
  public record DeployedDistribution(String id, String accountId, String arn, String domainName, String status,
      String etag, DistributionConfig config) {
    /** {@code d…cloudfront.localhost}: the name Stratus's DNS registers. */
    public String localDomainName() { return domainName.replace(".cloudfront.net", ".cloudfront.localhost"); }
  }

  /**
   * A function's code at one stage ({@code DEVELOPMENT} or {@code LIVE}).
   *
   * @param keyValueStoreId the id of the key value store the stage is associated with, or null
   */
  public record FunctionCode(String name, String arn, String stage, String runtime, byte[] code, String keyValueStoreId) {}

  /** The distribution {@code id} (any account). */
  public Optional<DeployedDistribution> distribution(String id) {
    return store.get(Distribution.TABLE, Distribution.SCOPE, id).map(this::deployed);
  }

  /** Every distribution of every account. */
  public List<DeployedDistribution> distributions() {
    return store.list(Distribution.TABLE, Distribution.SCOPE).stream().map(this::deployed).toList();
  }

  /** A managed cache policy, or a custom one of any account. */
  public Optional<CachePolicyConfig> cachePolicy(String id) {
    if (ManagedPolicies.CACHE.containsKey(id)) return Optional.of(ManagedPolicies.CACHE.get(id));
    return store.get(StoredPolicy.CACHE, Distribution.SCOPE, id).map(p -> SdkJson.read(p.config(), CachePolicyConfig.class));
  }

  public Optional<OriginRequestPolicyConfig> originRequestPolicy(String id) {
    if (ManagedPolicies.ORIGIN_REQUEST.containsKey(id)) return Optional.of(ManagedPolicies.ORIGIN_REQUEST.get(id));
    return store.get(StoredPolicy.ORIGIN_REQUEST, Distribution.SCOPE, id)
        .map(p -> SdkJson.read(p.config(), OriginRequestPolicyConfig.class));
  }

  public Optional<ResponseHeadersPolicyConfig> responseHeadersPolicy(String id) {
    if (ManagedPolicies.RESPONSE_HEADERS.containsKey(id)) return Optional.of(ManagedPolicies.RESPONSE_HEADERS.get(id));
    return store.get(StoredPolicy.RESPONSE_HEADERS, Distribution.SCOPE, id)
        .map(p -> SdkJson.read(p.config(), ResponseHeadersPolicyConfig.class));
  }

  /**
   * The LIVE code of the function a behavior's FunctionAssociation names by ARN
   * ({@code arn:aws:cloudfront::<account>:function/<name>}).
   */
  public Optional<FunctionCode> liveFunction(String functionArn) {
    int slash = functionArn.lastIndexOf(":function/");
    if (slash < 0) return Optional.empty();
    String account = functionArn.substring(functionArn.lastIndexOf(':', slash - 1) + 1, slash);
    String name = functionArn.substring(slash + ":function/".length());
    return store.get(CloudFrontFunction.TABLE, Distribution.SCOPE, CloudFrontFunction.key(account, name))
        .flatMap(f -> f.live().map(s -> code(f, "LIVE", s)));
  }

  static FunctionCode code(CloudFrontFunction f, String stage, CloudFrontFunction.Stage s) {
    FunctionConfig config = SdkJson.read(s.config(), FunctionConfig.class);
    return new FunctionCode(f.name(), f.arn(), stage, config.runtimeAsString(), Base64.getDecoder().decode(s.code()),
        associatedStoreId(config));
  }

  /** The id of the key value store {@code config} names (its ARN ends {@code key-value-store/<id>}), or null. */
  public static String associatedStoreId(FunctionConfig config) {
    if (config.keyValueStoreAssociations() == null || config.keyValueStoreAssociations().items() == null
        || config.keyValueStoreAssociations().items().isEmpty()) {
      return null;
    }
    String arn = config.keyValueStoreAssociations().items().getFirst().keyValueStoreARN();
    return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
  }

  private DeployedDistribution deployed(Distribution d) {
    return new DeployedDistribution(d.id(), d.accountId(), d.arn(), d.domainName(), d.status(clock.instant()), d.etag(),
        d.distributionConfig());
  }
}
