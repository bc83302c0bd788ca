package dev.stratus.s3.model;

import java.util.List;
import java.util.Optional;

/**
 * A bucket's static website configuration
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteHosting.html): either every
 * request redirected to another host, or an index document suffix, an optional error document
 * and routing rules applied in order.
 */
public record WebsiteConfiguration(Redirect redirectAllRequestsTo, String indexSuffix, String errorKey,
    List<RoutingRule> routingRules) {
  public WebsiteConfiguration {
    routingRules = routingRules == null ? List.of() : List.copyOf(routingRules);
  }

  /** Where a redirect goes; null fields keep the request's value. */
  public record Redirect(String hostName, String protocol, String replaceKeyPrefixWith, String replaceKeyWith,
      String httpRedirectCode) {}

  /** A routing rule: its condition (either part may be null) and redirect. */
  public record RoutingRule(String keyPrefixEquals, String httpErrorCodeReturnedEquals, Redirect redirect) {}

  /** The first rule whose condition matches a key and (null: before lookup) the error code. */
  public Optional<RoutingRule> rule(String key, Integer errorCode) {
    for (RoutingRule r : routingRules) {
      boolean prefix = r.keyPrefixEquals() == null || key.startsWith(r.keyPrefixEquals());
      boolean code = r.httpErrorCodeReturnedEquals() == null
          ? errorCode == null
          : errorCode != null && r.httpErrorCodeReturnedEquals().equals(String.valueOf(errorCode));
      if (r.keyPrefixEquals() == null && r.httpErrorCodeReturnedEquals() == null) continue;
      if (prefix && code) return Optional.of(r);
    }
    return Optional.empty();
  }

  /** The Location of a redirect for {@code key} requested on {@code host}. */
  public static String location(Redirect r, String key, String host, RoutingRule rule) {
    String protocol = r.protocol() != null ? r.protocol() : "http";
    String h = r.hostName() != null ? r.hostName() : host;
    String k = key;
    if (r.replaceKeyWith() != null) k = r.replaceKeyWith();
    else if (r.replaceKeyPrefixWith() != null && rule != null && rule.keyPrefixEquals() != null) {
      k = r.replaceKeyPrefixWith() + key.substring(rule.keyPrefixEquals().length());
    }
    return protocol + "://" + h + "/" + k;
  }
}
