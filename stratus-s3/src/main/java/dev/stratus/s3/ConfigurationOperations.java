package dev.stratus.s3;

import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.WebsiteConfiguration;
import dev.stratus.s3.model.WebsiteConfiguration.Redirect;
import dev.stratus.s3.model.WebsiteConfiguration.RoutingRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** Put/Get/DeleteBucketWebsite and Put/Get/DeleteBucketTagging. */
final class ConfigurationOperations {
  /** Most tags on a bucket. */
  static final int MAX_TAGS = 50;

  private final BucketOperations buckets;

  ConfigurationOperations(BucketOperations buckets) {
    this.buckets = buckets;
  }

  S3Response putWebsite(S3Request r) {
    Access.requireOwner(buckets.existing(r.bucket()), r.caller());
    WebsiteConfiguration w = parseWebsite(XmlInput.parse(r.body()));
    buckets.update(r.bucket(), b -> b.withWebsite(w));
    return S3Response.empty(200);
  }

  S3Response getWebsite(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.requireOwner(b, r.caller());
    WebsiteConfiguration w = b.website();
    if (w == null) throw S3Errors.noSuchWebsiteConfiguration(r.bucket());
    S3Xml xml = S3Xml.document("WebsiteConfiguration");
    if (w.redirectAllRequestsTo() != null) {
      xml.open("RedirectAllRequestsTo").element("HostName", w.redirectAllRequestsTo().hostName())
          .element("Protocol", w.redirectAllRequestsTo().protocol()).close("RedirectAllRequestsTo");
    }
    if (w.indexSuffix() != null) xml.open("IndexDocument").element("Suffix", w.indexSuffix()).close("IndexDocument");
    if (w.errorKey() != null) xml.open("ErrorDocument").element("Key", w.errorKey()).close("ErrorDocument");
    if (!w.routingRules().isEmpty()) {
      xml.open("RoutingRules");
      for (RoutingRule rule : w.routingRules()) {
        xml.open("RoutingRule");
        if (rule.keyPrefixEquals() != null || rule.httpErrorCodeReturnedEquals() != null) {
          xml.open("Condition").element("HttpErrorCodeReturnedEquals", rule.httpErrorCodeReturnedEquals())
              .element("KeyPrefixEquals", rule.keyPrefixEquals()).close("Condition");
        }
        Redirect d = rule.redirect();
        xml.open("Redirect").element("HostName", d.hostName()).element("HttpRedirectCode", d.httpRedirectCode())
            .element("Protocol", d.protocol()).element("ReplaceKeyPrefixWith", d.replaceKeyPrefixWith())
            .element("ReplaceKeyWith", d.replaceKeyWith()).close("Redirect").close("RoutingRule");
      }
      xml.close("RoutingRules");
    }
    return S3Response.ok(xml.close("WebsiteConfiguration"));
  }

  S3Response deleteWebsite(S3Request r) {
    Access.requireOwner(buckets.existing(r.bucket()), r.caller());
    buckets.update(r.bucket(), b -> b.withWebsite(null));
    return S3Response.empty(204);
  }

  /*
   * Either RedirectAllRequestsTo (alone) or an IndexDocument whose Suffix is non-empty and has
   * no slash; routing rules need a Redirect.
   */
  static WebsiteConfiguration parseWebsite(Element root) {
    if (!"WebsiteConfiguration".equals(XmlInput.localName(root))) throw S3Errors.malformedXml();
    Element all = XmlInput.child(root, "RedirectAllRequestsTo");
    if (all != null) {
      String host = XmlInput.text(all, "HostName");
      if (host == null || host.isBlank()) throw S3Errors.malformedXml();
      return new WebsiteConfiguration(new Redirect(host, XmlInput.text(all, "Protocol"), null, null, null), null, null, List.of());
    }
    Element index = XmlInput.child(root, "IndexDocument");
    if (index == null) {
      throw S3Errors.invalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
          "IndexDocument", "null");
    }
    String suffix = XmlInput.text(index, "Suffix");
    if (suffix == null || suffix.isEmpty() || suffix.contains("/")) {
      throw S3Errors.invalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", String.valueOf(suffix));
    }
    String errorKey = XmlInput.text(XmlInput.child(root, "ErrorDocument"), "Key");
    List<RoutingRule> rules = new ArrayList<>();
    for (Element rule : XmlInput.children(XmlInput.child(root, "RoutingRules"), "RoutingRule")) {
      Element cond = XmlInput.child(rule, "Condition");
      Element red = XmlInput.child(rule, "Redirect");
      if (red == null) throw S3Errors.malformedXml();
      rules.add(new RoutingRule(XmlInput.text(cond, "KeyPrefixEquals"), XmlInput.text(cond, "HttpErrorCodeReturnedEquals"),
          new Redirect(XmlInput.text(red, "HostName"), XmlInput.text(red, "Protocol"), XmlInput.text(red, "ReplaceKeyPrefixWith"),
              XmlInput.text(red, "ReplaceKeyWith"), XmlInput.text(red, "HttpRedirectCode"))));
    }
    return new WebsiteConfiguration(null, suffix, errorKey, rules);
  }

  S3Response putTagging(S3Request r) {
    Access.requireOwner(buckets.existing(r.bucket()), r.caller());
    Element root = XmlInput.parse(r.body());
    if (!"Tagging".equals(XmlInput.localName(root))) throw S3Errors.malformedXml();
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element tag : XmlInput.children(XmlInput.child(root, "TagSet"), "Tag")) {
      String k = XmlInput.text(tag, "Key");
      String v = XmlInput.text(tag, "Value");
      if (k == null || v == null) throw S3Errors.malformedXml();
      if (tags.put(k, v) != null) {
        throw S3Errors.invalidArgument("Cannot provide multiple Tags with the same key", "TagKey", k);
      }
    }
    if (tags.size() > MAX_TAGS) throw S3Errors.invalidArgument("Bucket tag count cannot be greater than 50", "TagSet", "");
    buckets.update(r.bucket(), b -> b.withTags(tags));
    return S3Response.empty(204);
  }

  S3Response getTagging(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.requireOwner(b, r.caller());
    if (b.tags().isEmpty()) throw S3Errors.noSuchTagSet(r.bucket());
    S3Xml xml = S3Xml.document("Tagging").open("TagSet");
    new java.util.TreeMap<>(b.tags()).forEach((k, v) -> xml.open("Tag").element("Key", k).element("Value", v).close("Tag"));
    return S3Response.ok(xml.close("TagSet").close("Tagging"));
  }

  S3Response deleteTagging(S3Request r) {
    Access.requireOwner(buckets.existing(r.bucket()), r.caller());
    buckets.update(r.bucket(), b -> b.withTags(Map.of()));
    return S3Response.empty(204);
  }
}
