package dev.stratus.cloudfront;

import dev.stratus.core.acm.ServingCertificate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.CachedMethods;
import software.amazon.awssdk.services.cloudfront.model.CookiePreference;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponses;
import software.amazon.awssdk.services.cloudfront.model.CustomHeaders;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.ForwardedValues;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.GeoRestriction;
import software.amazon.awssdk.services.cloudfront.model.Headers;
import software.amazon.awssdk.services.cloudfront.model.LambdaFunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.LoggingConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginGroup;
import software.amazon.awssdk.services.cloudfront.model.OriginGroups;
import software.amazon.awssdk.services.cloudfront.model.OriginShield;
import software.amazon.awssdk.services.cloudfront.model.OriginSslProtocols;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.QueryStringCacheKeys;
import software.amazon.awssdk.services.cloudfront.model.Restrictions;
import software.amazon.awssdk.services.cloudfront.model.TrustedKeyGroups;
import software.amazon.awssdk.services.cloudfront.model.TrustedSigners;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * A DistributionConfig as AWS takes it: its refusals, in AWS's codes, and the defaults AWS fills
 * in (what GetDistributionConfig answers for a config that left them out).
 */
final class DistributionRules {
  private DistributionRules() {}

  /** What the rules need to know of other resources. */
  interface Lookups {
    boolean cachePolicyExists(String id);

    boolean originRequestPolicyExists(String id);

    boolean responseHeadersPolicyExists(String id);

    boolean originAccessControlExists(String id);

    boolean originAccessIdentityExists(String id);

    /** The OriginAccessControlOriginType of an existing OAC, e.g. {@code s3}. */
    String originAccessControlType(String id);

    /** Empty when there is no such function; else whether it has a LIVE stage. */
    Optional<Boolean> functionPublished(String arn);

    /** Whether WAF holds {@code arn} as a CLOUDFRONT-scope web ACL; empty when WAF is not running. */
    Optional<Boolean> webAclExists(String arn);

    /** Empty when ACM does not hold it (or ACM is not running). */
    Optional<ServingCertificate> certificate(String arn);

    /** The id of another distribution (not {@code selfId}) serving {@code alias}, if any. */
    Optional<String> aliasOwner(String alias, String selfId);
  }

  static final int MAX_CACHE_BEHAVIORS = 25;
  static final int MAX_ORIGINS = 25;
  static final int MAX_CNAMES = 100;
  static final Set<Integer> ERROR_CODES = Set.of(400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504);
  static final Set<Integer> RESPONSE_CODES = Set.of(200, 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504);
  static final Set<Integer> FAILOVER_CODES = Set.of(400, 403, 404, 416, 500, 502, 503, 504);
  static final Set<String> PRICE_CLASSES = Set.of("PriceClass_100", "PriceClass_200", "PriceClass_All", "None");
  private static final Pattern WEB_ACL_V2 =
      Pattern.compile("arn:aws:wafv2:us-east-1:\\d{12}:global/webacl/[\\w-]{1,128}/[0-9a-f-]{36}");
  private static final Pattern WEB_ACL_CLASSIC = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern PATH_PATTERN = Pattern.compile("[A-Za-z0-9_\\-.*$/~\"'@:+&?]{1,255}");
  private static final Set<String> COUNTRIES = Set.of(java.util.Locale.getISOCountries());
  private static final Pattern LAMBDA_VERSION = Pattern.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:[\\w-]+:\\d+");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
  private static final Pattern S3_REST = Pattern.compile(
      "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\.s3((\\.dualstack)?[.-][a-z0-9-]+)?\\.amazonaws\\.com(\\.cn)?");
  private static final String CERT_NOT_VALID =
      "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.";

  /** Validates {@code c} (already {@link #withDefaults defaulted}) for distribution {@code selfId}. */
  static void validate(DistributionConfig c, String selfId, Lookups lookups) {
    quantities(c);
    List<Origin> origins = c.origins() == null ? List.of() : c.origins().items();
    if (origins.isEmpty()) throw CloudFrontErrors.invalidArgument("The parameter Origins must contain at least one origin.");
    if (origins.size() > MAX_ORIGINS) throw CloudFrontErrors.tooManyOrigins();
    Set<String> originIds = new HashSet<>();
    for (Origin o : origins) {
      if (!originIds.add(o.id())) throw CloudFrontErrors.invalidArgument("The parameter Origin Id must be unique.");
      origin(o, lookups);
    }
    Set<String> groupIds = new HashSet<>();
    for (OriginGroup g : c.originGroups().items()) {
      if (originIds.contains(g.id()) || !groupIds.add(g.id())) {
        throw CloudFrontErrors.invalidArgument("The parameter Origin Id must be unique.");
      }
      if (g.members().quantity() != 2) {
        throw CloudFrontErrors.invalidArgument("Origin groups must have exactly two members.");
      }
      for (var m : g.members().items()) if (!originIds.contains(m.originId())) throw CloudFrontErrors.noSuchOrigin();
      for (Integer code : g.failoverCriteria().statusCodes().items()) {
        if (!FAILOVER_CODES.contains(code)) {
          throw CloudFrontErrors.invalidArgument("The status code " + code + " is not valid for origin failover.");
        }
      }
    }
    behavior(c.defaultCacheBehavior().targetOriginId(), c.defaultCacheBehavior().cachePolicyId(),
        c.defaultCacheBehavior().originRequestPolicyId(), c.defaultCacheBehavior().responseHeadersPolicyId(),
        c.defaultCacheBehavior().forwardedValues(), c.defaultCacheBehavior().minTTL(), c.defaultCacheBehavior().defaultTTL(),
        c.defaultCacheBehavior().maxTTL(), c.defaultCacheBehavior().allowedMethods(),
        c.defaultCacheBehavior().functionAssociations(), c.defaultCacheBehavior().lambdaFunctionAssociations(), originIds,
        groupIds, lookups);
    if (c.cacheBehaviors().quantity() > MAX_CACHE_BEHAVIORS) throw CloudFrontErrors.tooManyCacheBehaviors();
    for (CacheBehavior b : c.cacheBehaviors().items()) {
      if (b.pathPattern() == null || !PATH_PATTERN.matcher(b.pathPattern()).matches()) {
        throw CloudFrontErrors.invalidArgument("The parameter PathPattern is invalid: " + b.pathPattern());
      }
      behavior(b.targetOriginId(), b.cachePolicyId(), b.originRequestPolicyId(), b.responseHeadersPolicyId(),
          b.forwardedValues(), b.minTTL(), b.defaultTTL(), b.maxTTL(), b.allowedMethods(), b.functionAssociations(),
          b.lambdaFunctionAssociations(), originIds, groupIds, lookups);
    }
    for (CustomErrorResponse e : c.customErrorResponses().items()) {
      if (e.errorCode() == null || !ERROR_CODES.contains(e.errorCode())) throw CloudFrontErrors.invalidErrorCode();
      boolean hasPath = e.responsePagePath() != null && !e.responsePagePath().isEmpty();
      boolean hasCode = e.responseCode() != null && !e.responseCode().isEmpty();
      if (hasPath && !e.responsePagePath().startsWith("/")) throw CloudFrontErrors.invalidRelativePath();
      if (hasPath != hasCode) throw CloudFrontErrors.invalidResponseCode();
      if (hasCode) {
        try {
          if (!RESPONSE_CODES.contains(Integer.parseInt(e.responseCode()))) throw CloudFrontErrors.invalidResponseCode();
        } catch (NumberFormatException ex) {
          throw CloudFrontErrors.invalidResponseCode();
        }
      }
      if (e.errorCachingMinTTL() != null && e.errorCachingMinTTL() < 0) {
        throw CloudFrontErrors.invalidArgument("The parameter ErrorCachingMinTTL must be greater than or equal to 0.");
      }
    }
    String root = c.defaultRootObject();
    if (root.length() > 255 || root.startsWith("/")) throw CloudFrontErrors.invalidDefaultRootObject();
    if (!PRICE_CLASSES.contains(c.priceClassAsString())) {
      throw CloudFrontErrors.invalidArgument("The parameter PriceClass has an invalid value: " + c.priceClassAsString());
    }
    String acl = c.webACLId();
    if (!acl.isEmpty() && !WEB_ACL_V2.matcher(acl).matches() && !WEB_ACL_CLASSIC.matcher(acl).matches()) {
      throw CloudFrontErrors.invalidWebAclId();
    }
    // With WAF running, the web ACL must exist (WAF Classic ids are not served: never).
    if (!acl.isEmpty() && !lookups.webAclExists(acl).orElse(true)) throw CloudFrontErrors.invalidWebAclId();
    if (Boolean.TRUE.equals(c.logging().enabled()) && c.logging().bucket().isEmpty()) {
      throw CloudFrontErrors.invalidArgument("The parameter Logging Bucket is required when logging is enabled.");
    }
    GeoRestriction geo = c.restrictions().geoRestriction();
    String type = geo.restrictionTypeAsString();
    if (type.equals("none") && !geo.items().isEmpty()) {
      throw new dev.stratus.core.AwsException("InvalidGeoRestrictionParameter", 400,
          "The specified geo restriction parameter is not valid: locations are given with RestrictionType none.");
    }
    if (!type.equals("none") && geo.items().isEmpty()) {
      throw new dev.stratus.core.AwsException("InvalidGeoRestrictionParameter", 400,
          "The specified geo restriction parameter is not valid: RestrictionType " + type + " needs locations.");
    }
    for (String code : geo.items()) {
      if (!COUNTRIES.contains(code)) {
        throw new dev.stratus.core.AwsException("InvalidLocationCode", 400, "The location code specified is not valid: " + code);
      }
    }
    certificate(c, selfId, lookups);
  }

  private static void certificate(DistributionConfig c, String selfId, Lookups lookups) {
    List<String> aliases = c.aliases().items();
    if (aliases.size() > MAX_CNAMES) throw CloudFrontErrors.tooManyCnames();
    ViewerCertificate vc = c.viewerCertificate();
    Optional<ServingCertificate> cert = Optional.empty();
    String acm = vc.acmCertificateArn();
    if (acm != null && !acm.isEmpty()) {
      if (!acm.startsWith("arn:aws:acm:us-east-1:")) throw CloudFrontErrors.invalidViewerCertificate(CERT_NOT_VALID);
      cert = lookups.certificate(acm);
      if (cert.isEmpty() || !cert.get().issued()) throw CloudFrontErrors.invalidViewerCertificate(CERT_NOT_VALID);
    } else if (vc.iamCertificateId() != null && !vc.iamCertificateId().isEmpty()) {
      throw CloudFrontErrors.invalidViewerCertificate(CERT_NOT_VALID);
    }
    for (String alias : aliases) {
      if (cert.isEmpty()) {
        throw CloudFrontErrors.invalidViewerCertificate("To add an alternate domain name (CNAME) to a CloudFront distribution,"
            + " you must attach a trusted certificate that validates your authorization to use the domain name."
            + CloudFrontErrors.CNAME_DOC);
      }
      if (!covers(cert.get(), alias)) {
        throw CloudFrontErrors.invalidViewerCertificate("The certificate that is attached to your distribution doesn't cover"
            + " the alternate domain name (CNAME) that you're trying to add." + CloudFrontErrors.CNAME_DOC);
      }
      if (lookups.aliasOwner(alias, selfId).isPresent()) throw CloudFrontErrors.cnameAlreadyExists();
    }
  }

  /** An alias {@code *.example.com} is covered by a certificate for {@code *.example.com}. */
  private static boolean covers(ServingCertificate cert, String alias) {
    if (alias.startsWith("*.")) {
      return cert.domainNames().stream().anyMatch(n -> n.equalsIgnoreCase(alias));
    }
    return cert.covers(alias);
  }

  private static void origin(Origin o, Lookups lookups) {
    String domain = o.domainName();
    if (domain == null || domain.isBlank()) throw CloudFrontErrors.invalidOrigin();
    if (domain.contains(":")) throw CloudFrontErrors.invalidArgument("The parameter origin name cannot contain a colon.");
    if (IPV4.matcher(domain).matches() || !HOST.matcher(domain).matches()) {
      throw CloudFrontErrors.invalidArgument("The parameter origin name must be a domain name.");
    }
    boolean s3 = o.s3OriginConfig() != null;
    boolean custom = o.customOriginConfig() != null;
    if (s3 == custom) {
      throw CloudFrontErrors.invalidOrigin();
    }
    if (s3 && !isS3RestEndpoint(domain)) {
      throw CloudFrontErrors.invalidArgument("The parameter Origin DomainName does not refer to a valid S3 bucket.");
    }
    if (s3 && !o.s3OriginConfig().originAccessIdentity().isEmpty()) {
      String oai = o.s3OriginConfig().originAccessIdentity();
      if (!oai.startsWith(OriginAccessIdentityOperations.PREFIX)
          || !lookups.originAccessIdentityExists(oai.substring(OriginAccessIdentityOperations.PREFIX.length()))) {
        throw new dev.stratus.core.AwsException("InvalidOriginAccessIdentity", 400,
            "The origin access identity is not valid or doesn't exist.");
      }
    }
    if (!o.originPath().isEmpty() && (!o.originPath().startsWith("/") || o.originPath().endsWith("/"))) {
      throw CloudFrontErrors.invalidArgument("The parameter origin path must begin with '/' and cannot end with '/'.");
    }
    if (o.connectionAttempts() < 1 || o.connectionAttempts() > 3) {
      throw CloudFrontErrors.invalidArgument("The parameter ConnectionAttempts must be between 1 and 3.");
    }
    if (o.connectionTimeout() < 1 || o.connectionTimeout() > 10) {
      throw CloudFrontErrors.invalidArgument("The parameter ConnectionTimeout must be between 1 and 10.");
    }
    if (Boolean.TRUE.equals(o.originShield().enabled())
        && (o.originShield().originShieldRegion() == null || o.originShield().originShieldRegion().isEmpty())) {
      throw CloudFrontErrors.invalidArgument("The parameter OriginShieldRegion is required when Origin Shield is enabled.");
    }
    String oac = o.originAccessControlId();
    if (!oac.isEmpty()) {
      if (s3 && !o.s3OriginConfig().originAccessIdentity().isEmpty()) {
        throw CloudFrontErrors.illegalOriginAccessConfiguration();
      }
      // CreateDistribution's errors have no NoSuchOriginAccessControl: an unknown id is not valid.
      if (!lookups.originAccessControlExists(oac)) {
        throw new dev.stratus.core.AwsException("InvalidOriginAccessControl", 400, "The origin access control is not valid.");
      }
      if (lookups.originAccessControlType(oac).equals("s3") && !isS3RestEndpoint(domain)) {
        throw new dev.stratus.core.AwsException("InvalidDomainNameForOriginAccessControl", 400,
            "An origin access control is associated with an origin whose domain name is not supported.");
      }
    }
    if (custom) {
      CustomOriginConfig cc = o.customOriginConfig();
      if (!validPort(cc.httpPort()) || !validPort(cc.httpsPort())) {
        throw CloudFrontErrors.invalidArgument("The parameter HTTPPort and HTTPSPort must be 80, 443, or 1024-65535.");
      }
      if (cc.originReadTimeout() < 1 || cc.originReadTimeout() > 60) {
        throw new dev.stratus.core.AwsException("InvalidOriginReadTimeout", 400,
            "The read timeout specified for the origin is not valid.");
      }
      if (cc.originKeepaliveTimeout() < 1 || cc.originKeepaliveTimeout() > 60) {
        throw new dev.stratus.core.AwsException("InvalidOriginKeepaliveTimeout", 400,
            "The keep alive timeout specified for the origin is not valid.");
      }
    }
  }

  private static boolean validPort(int port) { return port == 80 || port == 443 || (port >= 1024 && port <= 65535); }

  /** An S3 bucket's REST endpoint (not its website endpoint, which is a custom origin). */
  static boolean isS3RestEndpoint(String domain) {
    String d = domain.toLowerCase(java.util.Locale.ROOT);
    return S3_REST.matcher(d).matches() && !d.contains(".s3-website");
  }

  private static void behavior(String target, String cachePolicyId, String orpId, String rhpId, ForwardedValues fv,
      Long min, Long def, Long max, AllowedMethods methods, FunctionAssociations functions,
      LambdaFunctionAssociations lambdas, Set<String> originIds,
      Set<String> groupIds, Lookups lookups) {
    if (target == null || (!originIds.contains(target) && !groupIds.contains(target))) throw CloudFrontErrors.noSuchOrigin();
    boolean policy = cachePolicyId != null && !cachePolicyId.isEmpty();
    if (policy) {
      if (fv != null) {
        throw CloudFrontErrors.invalidArgument(
            "The parameter ForwardedValues cannot be used when a cache policy is associated to the cache behavior.");
      }
      if (!lookups.cachePolicyExists(cachePolicyId)) throw CloudFrontErrors.noSuchCachePolicy();
    } else {
      if (fv == null) throw CloudFrontErrors.invalidArgument("The parameter ForwardedValues is required.");
      if (min == null) throw CloudFrontErrors.invalidArgument("The parameter MinTTL is required.");
      if (min > def || def > max || min < 0) throw CloudFrontErrors.invalidTtlOrder();
    }
    if (orpId != null && !orpId.isEmpty() && !lookups.originRequestPolicyExists(orpId)) {
      throw CloudFrontErrors.noSuchOriginRequestPolicy();
    }
    if (rhpId != null && !rhpId.isEmpty() && !lookups.responseHeadersPolicyExists(rhpId)) {
      throw CloudFrontErrors.noSuchResponseHeadersPolicy();
    }
    if (groupIds.contains(target)) {
      for (String m : methods.itemsAsStrings()) {
        if (!Set.of("GET", "HEAD", "OPTIONS").contains(m)) {
          throw CloudFrontErrors.invalidArgument(
              "The parameter AllowedMethods cannot include POST, PUT, PATCH, or DELETE for a cached behavior associated with an origin group.");
        }
      }
    }
    Set<String> events = new HashSet<>();
    for (var l : lambdas.items()) {
      String arn = l.lambdaFunctionARN();
      if (arn == null || !LAMBDA_VERSION.matcher(arn).matches()) {
        throw new dev.stratus.core.AwsException("InvalidLambdaFunctionAssociation", 400,
            "The function ARN must reference a specific function version. (The ARN must end with the version number.) ARN: "
                + arn);
      }
      if (!arn.startsWith("arn:aws:lambda:us-east-1:")) {
        throw new dev.stratus.core.AwsException("InvalidLambdaFunctionAssociation", 400,
            "The function must be in region 'us-east-1'. ARN: " + arn);
      }
      if (!events.add(l.eventTypeAsString())) {
        throw new dev.stratus.core.AwsException("InvalidLambdaFunctionAssociation", 400,
            "Only one Lambda@Edge function association is allowed per event type.");
      }
    }
    for (FunctionAssociation f : functions.items()) {
      String event = f.eventTypeAsString();
      if (!event.equals("viewer-request") && !event.equals("viewer-response")) {
        throw CloudFrontErrors.invalidFunctionAssociation(
            "The event type " + event + " is not valid for a CloudFront function association.");
      }
      if (!events.add(event)) {
        throw CloudFrontErrors.invalidFunctionAssociation(
            "Only one function association is allowed per event type (CloudFront Functions and Lambda@Edge together).");
      }
      Optional<Boolean> published = lookups.functionPublished(f.functionARN());
      if (published.isEmpty()) {
        throw CloudFrontErrors.invalidFunctionAssociation("The function " + f.functionARN() + " does not exist.");
      }
      if (!published.get()) {
        throw CloudFrontErrors.invalidFunctionAssociation(
            "The function " + f.functionARN() + " has not been published. Publish the function before you associate it.");
      }
    }
  }

  /** Every Quantity/Items pair AWS checks. */
  private static void quantities(DistributionConfig c) {
    q(c.aliases().quantity(), c.aliases().items());
    q(c.origins().quantity(), c.origins().items());
    for (Origin o : c.origins().items()) {
      q(o.customHeaders().quantity(), o.customHeaders().items());
      if (o.customOriginConfig() != null) {
        q(o.customOriginConfig().originSslProtocols().quantity(), o.customOriginConfig().originSslProtocols().items());
      }
    }
    q(c.originGroups().quantity(), c.originGroups().items());
    for (OriginGroup g : c.originGroups().items()) {
      q(g.members().quantity(), g.members().items());
      q(g.failoverCriteria().statusCodes().quantity(), g.failoverCriteria().statusCodes().items());
    }
    DefaultCacheBehavior d = c.defaultCacheBehavior();
    q(d.allowedMethods().quantity(), d.allowedMethods().items());
    q(d.allowedMethods().cachedMethods().quantity(), d.allowedMethods().cachedMethods().items());
    q(d.functionAssociations().quantity(), d.functionAssociations().items());
    q(d.lambdaFunctionAssociations().quantity(), d.lambdaFunctionAssociations().items());
    q(c.cacheBehaviors().quantity(), c.cacheBehaviors().items());
    for (CacheBehavior b : c.cacheBehaviors().items()) {
      q(b.allowedMethods().quantity(), b.allowedMethods().items());
      q(b.allowedMethods().cachedMethods().quantity(), b.allowedMethods().cachedMethods().items());
      q(b.functionAssociations().quantity(), b.functionAssociations().items());
      q(b.lambdaFunctionAssociations().quantity(), b.lambdaFunctionAssociations().items());
    }
    q(c.customErrorResponses().quantity(), c.customErrorResponses().items());
    q(c.restrictions().geoRestriction().quantity(), c.restrictions().geoRestriction().items());
  }

  private static void q(Integer quantity, List<?> items) {
    int n = items == null ? 0 : items.size();
    if (quantity == null || quantity != n) throw CloudFrontErrors.inconsistentQuantities();
  }

  // ---- defaults -------------------------------------------------------------------------------

  /** {@code c} with what AWS fills in when a config leaves it out. */
  static DistributionConfig withDefaults(DistributionConfig c) {
    var b = c.toBuilder();
    if (c.aliases() == null) b.aliases(Aliases.builder().quantity(0).build());
    if (c.defaultRootObject() == null) b.defaultRootObject("");
    if (c.origins() != null) {
      b.origins(Origins.builder().quantity(c.origins().quantity())
          .items(c.origins().items().stream().map(DistributionRules::originDefaults).toList()).build());
    }
    if (c.originGroups() == null) b.originGroups(OriginGroups.builder().quantity(0).build());
    if (c.defaultCacheBehavior() != null) b.defaultCacheBehavior(defaultBehavior(c.defaultCacheBehavior()));
    if (c.cacheBehaviors() == null) {
      b.cacheBehaviors(CacheBehaviors.builder().quantity(0).build());
    } else {
      b.cacheBehaviors(c.cacheBehaviors().toBuilder()
          .items(c.cacheBehaviors().items().stream().map(DistributionRules::behaviorDefaults).toList()).build());
    }
    if (c.customErrorResponses() == null) {
      b.customErrorResponses(CustomErrorResponses.builder().quantity(0).build());
    } else {
      b.customErrorResponses(c.customErrorResponses().toBuilder().items(c.customErrorResponses().items().stream()
          .map(e -> e.toBuilder()
              .responsePagePath(e.responsePagePath() == null ? "" : e.responsePagePath())
              .responseCode(e.responseCode() == null ? "" : e.responseCode())
              .errorCachingMinTTL(e.errorCachingMinTTL() == null ? 10L : e.errorCachingMinTTL()).build())
          .toList()).build());
    }
    if (c.comment() == null) b.comment("");
    if (c.logging() == null) {
      b.logging(LoggingConfig.builder().enabled(false).includeCookies(false).bucket("").prefix("").build());
    }
    if (c.priceClass() == null) b.priceClass("PriceClass_All");
    if (c.viewerCertificate() == null) {
      b.viewerCertificate(ViewerCertificate.builder().cloudFrontDefaultCertificate(true).sslSupportMethod("vip")
          .minimumProtocolVersion("TLSv1").certificateSource("cloudfront").build());
    } else {
      ViewerCertificate v = c.viewerCertificate();
      if (v.acmCertificateArn() != null && !v.acmCertificateArn().isEmpty()) {
        b.viewerCertificate(v.toBuilder().cloudFrontDefaultCertificate(false)
            .sslSupportMethod(v.sslSupportMethod() == null ? "sni-only" : v.sslSupportMethodAsString())
            .minimumProtocolVersion(v.minimumProtocolVersion() == null ? "TLSv1" : v.minimumProtocolVersionAsString())
            .certificate(v.acmCertificateArn()).certificateSource("acm").build());
      } else if (v.cloudFrontDefaultCertificate() == null || v.cloudFrontDefaultCertificate()) {
        b.viewerCertificate(v.toBuilder().cloudFrontDefaultCertificate(true)
            .sslSupportMethod(v.sslSupportMethod() == null ? "vip" : v.sslSupportMethodAsString())
            .minimumProtocolVersion(v.minimumProtocolVersion() == null ? "TLSv1" : v.minimumProtocolVersionAsString())
            .certificateSource("cloudfront").build());
      }
    }
    if (c.restrictions() == null) {
      b.restrictions(Restrictions.builder()
          .geoRestriction(GeoRestriction.builder().restrictionType("none").quantity(0).build()).build());
    }
    if (c.webACLId() == null) b.webACLId("");
    if (c.httpVersion() == null) b.httpVersion("http2");
    if (c.isIPV6Enabled() == null) b.isIPV6Enabled(true);
    if (c.continuousDeploymentPolicyId() == null) b.continuousDeploymentPolicyId("");
    if (c.staging() == null) b.staging(false);
    return b.build();
  }

  private static Origin originDefaults(Origin o) {
    var b = o.toBuilder();
    if (o.originPath() == null) b.originPath("");
    if (o.customHeaders() == null) b.customHeaders(CustomHeaders.builder().quantity(0).build());
    if (o.connectionAttempts() == null) b.connectionAttempts(3);
    if (o.connectionTimeout() == null) b.connectionTimeout(10);
    if (o.originShield() == null) b.originShield(OriginShield.builder().enabled(false).build());
    if (o.originAccessControlId() == null) b.originAccessControlId("");
    if (o.s3OriginConfig() != null && o.s3OriginConfig().originAccessIdentity() == null) {
      b.s3OriginConfig(o.s3OriginConfig().toBuilder().originAccessIdentity("").build());
    }
    CustomOriginConfig cc = o.customOriginConfig();
    if (cc != null) {
      var cb = cc.toBuilder();
      if (cc.httpPort() == null) cb.httpPort(80);
      if (cc.httpsPort() == null) cb.httpsPort(443);
      if (cc.originSslProtocols() == null) {
        cb.originSslProtocols(OriginSslProtocols.builder().quantity(3).itemsWithStrings("TLSv1", "TLSv1.1", "TLSv1.2").build());
      }
      if (cc.originReadTimeout() == null) cb.originReadTimeout(30);
      if (cc.originKeepaliveTimeout() == null) cb.originKeepaliveTimeout(5);
      b.customOriginConfig(cb.build());
    }
    return b.build();
  }

  private static DefaultCacheBehavior defaultBehavior(DefaultCacheBehavior d) {
    var b = d.toBuilder();
    if (d.trustedSigners() == null) b.trustedSigners(TrustedSigners.builder().enabled(false).quantity(0).build());
    if (d.trustedKeyGroups() == null) b.trustedKeyGroups(TrustedKeyGroups.builder().enabled(false).quantity(0).build());
    b.allowedMethods(methods(d.allowedMethods()));
    if (d.smoothStreaming() == null) b.smoothStreaming(false);
    if (d.compress() == null) b.compress(false);
    if (d.lambdaFunctionAssociations() == null) b.lambdaFunctionAssociations(LambdaFunctionAssociations.builder().quantity(0).build());
    if (d.functionAssociations() == null) b.functionAssociations(FunctionAssociations.builder().quantity(0).build());
    if (d.fieldLevelEncryptionId() == null) b.fieldLevelEncryptionId("");
    if (d.forwardedValues() != null) {
      b.forwardedValues(forwarded(d.forwardedValues()));
      if (d.defaultTTL() == null) b.defaultTTL(Math.max(86400L, d.minTTL() == null ? 0 : d.minTTL()));
      if (d.maxTTL() == null) b.maxTTL(Math.max(31536000L, d.defaultTTL() == null ? 86400L : d.defaultTTL()));
    }
    return b.build();
  }

  private static CacheBehavior behaviorDefaults(CacheBehavior d) {
    var b = d.toBuilder();
    if (d.trustedSigners() == null) b.trustedSigners(TrustedSigners.builder().enabled(false).quantity(0).build());
    if (d.trustedKeyGroups() == null) b.trustedKeyGroups(TrustedKeyGroups.builder().enabled(false).quantity(0).build());
    b.allowedMethods(methods(d.allowedMethods()));
    if (d.smoothStreaming() == null) b.smoothStreaming(false);
    if (d.compress() == null) b.compress(false);
    if (d.lambdaFunctionAssociations() == null) b.lambdaFunctionAssociations(LambdaFunctionAssociations.builder().quantity(0).build());
    if (d.functionAssociations() == null) b.functionAssociations(FunctionAssociations.builder().quantity(0).build());
    if (d.fieldLevelEncryptionId() == null) b.fieldLevelEncryptionId("");
    if (d.forwardedValues() != null) {
      b.forwardedValues(forwarded(d.forwardedValues()));
      if (d.defaultTTL() == null) b.defaultTTL(Math.max(86400L, d.minTTL() == null ? 0 : d.minTTL()));
      if (d.maxTTL() == null) b.maxTTL(Math.max(31536000L, d.defaultTTL() == null ? 86400L : d.defaultTTL()));
    }
    return b.build();
  }

  private static AllowedMethods methods(AllowedMethods m) {
    if (m == null) {
      return AllowedMethods.builder().quantity(2).itemsWithStrings("HEAD", "GET")
          .cachedMethods(CachedMethods.builder().quantity(2).itemsWithStrings("HEAD", "GET").build()).build();
    }
    if (m.cachedMethods() == null) {
      return m.toBuilder().cachedMethods(CachedMethods.builder().quantity(2).itemsWithStrings("HEAD", "GET").build()).build();
    }
    return m;
  }

  private static ForwardedValues forwarded(ForwardedValues f) {
    var b = f.toBuilder();
    if (f.cookies() == null) b.cookies(CookiePreference.builder().forward("none").build());
    if (f.headers() == null) b.headers(Headers.builder().quantity(0).build());
    if (f.queryStringCacheKeys() == null) b.queryStringCacheKeys(QueryStringCacheKeys.builder().quantity(0).build());
    return b.build();
  }
}
