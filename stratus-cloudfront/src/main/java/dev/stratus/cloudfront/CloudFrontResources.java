package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.CloudFrontFunction;
import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.ManagedPolicies;
import dev.stratus.cloudfront.model.StoredPolicy;
import dev.stratus.core.Extensions;
import dev.stratus.core.ResourceIds;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.http.WebAcls;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;

/** What the CloudFront operations share: the store, the clock, ids, If-Match, lookups across resources. */
final class CloudFrontResources {
  /** TTL of the records of a distribution's name (CloudFront answers 60 s). */
  static final long DNS_TTL = 60;

  final Store store;
  final Clock clock;
  final Extensions extensions;
  final CloudFrontSettings settings;

  CloudFrontResources(Store store, Clock clock, Extensions extensions, CloudFrontSettings settings) {
    this.store = store;
    this.clock = clock;
    this.extensions = extensions;
    this.settings = settings;
  }

  Instant now() { return clock.instant(); }

  private final java.util.concurrent.atomic.AtomicBoolean webAclsReplayed = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * WAF, when it runs. The first time it is found, every stored distribution that names a web ACL
   * is told to it again (WAF keeps that in memory: after a restart it must hear it anew).
   */
  Optional<WebAcls> webAcls() {
    Optional<WebAcls> waf = extensions.find(WebAcls.class);
    if (waf.isPresent() && webAclsReplayed.compareAndSet(false, true)) {
      for (Distribution d : store.list(Distribution.TABLE, Distribution.SCOPE)) {
        String acl = d.distributionConfig().webACLId();
        if (acl != null && !acl.isEmpty()) waf.get().use(d.arn(), acl);
      }
    }
    return waf;
  }

  /** Tells WAF which web ACL (or none) distribution {@code d} now names. */
  void useWebAcl(Distribution d, boolean deleted) {
    String acl = deleted ? "" : d.distributionConfig().webACLId();
    webAcls().ifPresent(w -> w.use(d.arn(), acl == null || acl.isEmpty() ? null : acl));
  }

  static String newEtag() { return ResourceIds.upperAlnum("E", 13); }

  /**
   * AWS's If-Match rule: missing → {@code InvalidIfMatchVersion}; not the current version →
   * {@code PreconditionFailed}.
   */
  static void checkIfMatch(String ifMatch, String current) {
    if (ifMatch == null || ifMatch.isEmpty()) throw CloudFrontErrors.invalidIfMatchVersion();
    if (!ifMatch.equals(current)) throw CloudFrontErrors.preconditionFailed();
  }

  Optional<Distribution> distribution(String accountId, String id) {
    if (id == null) return Optional.empty();
    return store.get(Distribution.TABLE, Distribution.SCOPE, id).filter(d -> d.accountId().equals(accountId));
  }

  List<Distribution> distributions(String accountId) {
    return store.list(Distribution.TABLE, Distribution.SCOPE).stream().filter(d -> d.accountId().equals(accountId))
        .toList();
  }

  /** Registers {@code <id>.cloudfront.localhost} unless the edge already put it (with addresses). */
  void registerName(Distribution d) {
    DnsTargetRegistry dns = DnsTargetRegistry.in(extensions);
    String name = localName(d);
    if (dns.find(name).isEmpty()) dns.put(new DnsTarget(name, List.of(), DNS_TTL, true));
  }

  void unregisterName(Distribution d) { DnsTargetRegistry.in(extensions).remove(localName(d)); }

  static String localName(Distribution d) { return d.domainName().replace(".cloudfront.net", ".cloudfront.localhost"); }

  // ---- lookups for the distribution rules ------------------------------------------------------

  DistributionRules.Lookups forAccount(String accountId) {
    CloudFrontResources self = this;
    return new DistributionRules.Lookups() {
      @Override public boolean cachePolicyExists(String id) {
        return ManagedPolicies.CACHE.containsKey(id) || self.policy(StoredPolicy.CACHE, accountId, id).isPresent();
      }
      @Override public boolean originRequestPolicyExists(String id) {
        return ManagedPolicies.ORIGIN_REQUEST.containsKey(id)
            || self.policy(StoredPolicy.ORIGIN_REQUEST, accountId, id).isPresent();
      }
      @Override public boolean responseHeadersPolicyExists(String id) {
        return ManagedPolicies.RESPONSE_HEADERS.containsKey(id)
            || self.policy(StoredPolicy.RESPONSE_HEADERS, accountId, id).isPresent();
      }
      @Override public boolean originAccessControlExists(String id) {
        return self.policy(StoredPolicy.ORIGIN_ACCESS_CONTROL, accountId, id).isPresent();
      }
      @Override public boolean originAccessIdentityExists(String id) {
        return self.policy(StoredPolicy.ORIGIN_ACCESS_IDENTITY, accountId, id).isPresent();
      }
      @Override public String originAccessControlType(String id) {
        return self.policy(StoredPolicy.ORIGIN_ACCESS_CONTROL, accountId, id)
            .map(p -> dev.stratus.cloudfront.model.SdkJson.read(p.config(),
                software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig.class)
                .originAccessControlOriginTypeAsString())
            .orElse("");
      }
      @Override public Optional<Boolean> functionPublished(String arn) { return self.functionPublished(accountId, arn); }
      @Override public Optional<ServingCertificate> certificate(String arn) { return self.certificate(arn); }
      @Override public Optional<Boolean> webAclExists(String arn) {
        return self.webAcls().map(w -> w.existsForCloudFront(arn));
      }
      @Override public Optional<String> aliasOwner(String alias, String selfId) { return self.aliasOwner(alias, selfId); }
    };
  }

  Optional<StoredPolicy> policy(dev.stratus.core.store.Table<StoredPolicy> table, String accountId, String id) {
    if (id == null) return Optional.empty();
    return store.get(table, Distribution.SCOPE, id).filter(p -> p.accountId().equals(accountId));
  }

  List<StoredPolicy> policies(dev.stratus.core.store.Table<StoredPolicy> table, String accountId) {
    return store.list(table, Distribution.SCOPE).stream().filter(p -> p.accountId().equals(accountId)).toList();
  }

  Optional<Boolean> functionPublished(String accountId, String arn) {
    String prefix = "arn:aws:cloudfront::" + accountId + ":function/";
    if (arn == null || !arn.startsWith(prefix)) return Optional.empty();
    return store.get(CloudFrontFunction.TABLE, Distribution.SCOPE,
        CloudFrontFunction.key(accountId, arn.substring(prefix.length()))).map(f -> f.live().isPresent());
  }

  /** ACM's certificate, when ACM runs in this Stratus; without ACM no certificate exists. */
  public Optional<ServingCertificate> certificate(String arn) {
    return extensions.find(Certificates.class).flatMap(c -> c.find(arn));
  }

  public Optional<String> aliasOwner(String alias, String selfId) {
    String a = alias.toLowerCase(Locale.ROOT);
    for (Distribution d : store.list(Distribution.TABLE, Distribution.SCOPE)) {
      if (d.id().equals(selfId)) continue;
      for (String other : d.distributionConfig().aliases().items()) {
        if (other.toLowerCase(Locale.ROOT).equals(a)) return Optional.of(d.id());
      }
    }
    return Optional.empty();
  }

  // ---- what uses what ---------------------------------------------------------------------------

  /** Whether a behavior of one of the account's distributions matches {@code uses}. */
  boolean anyBehavior(String accountId, Predicate<BehaviorRefs> uses) {
    return distributions(accountId).stream().flatMap(d -> behaviors(d.distributionConfig())).anyMatch(uses);
  }

  /** The policy and function references of one cache behavior. */
  record BehaviorRefs(String cachePolicyId, String originRequestPolicyId, String responseHeadersPolicyId,
      List<String> functionArns) {}

  static Stream<BehaviorRefs> behaviors(DistributionConfig c) {
    List<BehaviorRefs> refs = new ArrayList<>();
    var d = c.defaultCacheBehavior();
    refs.add(new BehaviorRefs(d.cachePolicyId(), d.originRequestPolicyId(), d.responseHeadersPolicyId(),
        d.functionAssociations() == null ? List.of()
            : d.functionAssociations().items().stream().map(FunctionAssociation::functionARN).toList()));
    for (CacheBehavior b : c.cacheBehaviors().items()) {
      refs.add(new BehaviorRefs(b.cachePolicyId(), b.originRequestPolicyId(), b.responseHeadersPolicyId(),
          b.functionAssociations() == null ? List.of()
              : b.functionAssociations().items().stream().map(FunctionAssociation::functionARN).toList()));
    }
    return refs.stream();
  }
}
