package dev.stratus.s3;

import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.Caller;
import dev.stratus.s3.model.S3Object;
import dev.stratus.s3.model.WebsiteConfiguration;
import dev.stratus.s3.model.WebsiteConfiguration.RoutingRule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket's website endpoint ({@code bucket.s3-website-us-east-1.localhost}), as S3 serves it
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html): GET and HEAD
 * only, always anonymous (the bucket policy must allow s3:GetObject), the index document for a
 * key ending in {@code /}, a 302 to {@code key/} when only {@code key/index} exists, routing-rule
 * redirects, the error document with the error's status, and HTML error pages instead of XML.
 */
final class WebsiteEndpoint {
  private final Store store;
  private final ObjectOperations objects;

  WebsiteEndpoint(Store store, ObjectOperations objects) {
    this.store = store;
    this.objects = objects;
  }

  S3Response serve(S3Request r) {
    boolean head = r.method().equals("HEAD");
    if (!head && !r.method().equals("GET")) {
      return page(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", r, Map.of("Method", r.method()), head);
    }
    Optional<Bucket> found = store.get(Bucket.TABLE, Bucket.SCOPE, r.bucket());
    if (found.isEmpty()) {
      return page(404, "NoSuchBucket", "The specified bucket does not exist", r, Map.of("BucketName", r.bucket()), head);
    }
    Bucket b = found.get();
    WebsiteConfiguration w = b.website();
    if (w == null) {
      return page(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration", r,
          Map.of("BucketName", r.bucket()), head);
    }
    String key = r.key() == null ? "" : r.key();
    if (w.redirectAllRequestsTo() != null) {
      return redirect(301, WebsiteConfiguration.location(w.redirectAllRequestsTo(), key, r.host(), null));
    }
    Optional<RoutingRule> byPrefix = w.rule(key, null);
    if (byPrefix.isPresent()) return ruleRedirect(byPrefix.get(), key, r);
    String lookup = key.isEmpty() || key.endsWith("/") ? key + w.indexSuffix() : key;
    Caller anonymous = new Caller.Anonymous();
    if (!Access.allowed(b, anonymous, "s3:GetObject", "arn:aws:s3:::" + b.name() + "/" + lookup)) {
      return error(b, w, 403, "AccessDenied", "Access Denied", key, r, head);
    }
    Optional<S3Object> o = store.get(S3Object.TABLE, b.name(), lookup);
    if (o.isPresent()) return objects.serve(o.get(), r, head);
    if (!key.isEmpty() && !key.endsWith("/") && store.get(S3Object.TABLE, b.name(), key + "/" + w.indexSuffix()).isPresent()) {
      return redirect(302, "/" + key + "/");
    }
    // without s3:ListBucket for everyone, a missing key is AccessDenied, as on the REST endpoint
    if (!Access.allowed(b, anonymous, "s3:ListBucket", b.arn())) return error(b, w, 403, "AccessDenied", "Access Denied", key, r, head);
    return error(b, w, 404, "NoSuchKey", "The specified key does not exist.", lookup, r, head);
  }

  /** An error: a routing rule on its code redirects, else the error document, else S3's HTML page. */
  private S3Response error(Bucket b, WebsiteConfiguration w, int status, String code, String message, String key,
      S3Request r, boolean head) {
    Optional<RoutingRule> rule = w.rule(r.key() == null ? "" : r.key(), status);
    if (rule.isPresent()) return ruleRedirect(rule.get(), r.key() == null ? "" : r.key(), r);
    if (w.errorKey() != null && Access.allowed(b, new Caller.Anonymous(), "s3:GetObject", "arn:aws:s3:::" + b.name() + "/" + w.errorKey())) {
      Optional<S3Object> doc = store.get(S3Object.TABLE, b.name(), w.errorKey());
      if (doc.isPresent()) {
        S3Response served = objects.serve(doc.get(), r, head);
        return new S3Response(status, served.headers(), served.body());
      }
    }
    return page(status, code, message, r, Map.of("Key", key), head);
  }

  private static S3Response ruleRedirect(RoutingRule rule, String key, S3Request r) {
    int code = rule.redirect().httpRedirectCode() == null ? 301 : Integer.parseInt(rule.redirect().httpRedirectCode());
    return redirect(code, WebsiteConfiguration.location(rule.redirect(), key, r.host(), rule));
  }

  private static S3Response redirect(int status, String location) {
    return new S3Response(status, Map.of("Location", location, "Content-Type", "text/html; charset=utf-8"), S3Response.EMPTY);
  }

  /** S3's website error page. */
  static S3Response page(int status, String code, String message, S3Request r, Map<String, String> details, boolean head) {
    String title = status + " " + reason(status);
    StringBuilder html = new StringBuilder("<html>\n<head><title>").append(title).append("</title></head>\n<body>\n<h1>")
        .append(title).append("</h1>\n<ul>\n<li>Code: ").append(code).append("</li>\n<li>Message: ")
        .append(S3Xml.escape(message)).append("</li>\n");
    details.forEach((k, v) -> html.append("<li>").append(k).append(": ").append(S3Xml.escape(v)).append("</li>\n"));
    html.append("<li>RequestId: ").append(r.requestId()).append("</li>\n<li>HostId: ").append(r.requestId())
        .append("</li>\n</ul>\n<hr/>\n</body>\n</html>\n");
    byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
    return new S3Response(status, Map.of("Content-Type", "text/html; charset=utf-8"), head ? S3Response.EMPTY : body);
  }

  private static String reason(int status) {
    return switch (status) {
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      default -> "Error";
    };
  }
}
