package dev.stratus.s3;

import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.CorsRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Put/Get/DeleteBucketCors, the preflight ({@code OPTIONS}) S3 answers from them, and the CORS
 * headers it adds to a request carrying {@code Origin} that a rule allows (also when CloudFront
 * forwards the header, as its CORS-S3Origin origin request policy does).
 */
final class CorsOperations {
  /** Most rules in one configuration. */
  static final int MAX_RULES = 100;

  private final BucketOperations buckets;

  CorsOperations(BucketOperations buckets) {
    this.buckets = buckets;
  }

  S3Response put(S3Request r) {
    Access.requireOwner(buckets.existing(r.bucket()), r.caller());
    Element root = XmlInput.parse(r.body());
    if (!"CORSConfiguration".equals(XmlInput.localName(root))) throw S3Errors.malformedXml();
    List<CorsRule> rules = new ArrayList<>();
    for (Element e : XmlInput.children(root, "CORSRule")) {
      List<String> origins = texts(e, "AllowedOrigin");
      List<String> methods = texts(e, "AllowedMethod");
      if (origins.isEmpty() || methods.isEmpty()) throw S3Errors.malformedXml();
      for (String m : methods) {
        if (!CorsRule.METHODS.contains(m)) {
          throw S3Errors.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m);
        }
      }
      String maxAge = XmlInput.text(e, "MaxAgeSeconds");
      Integer age;
      try {
        age = maxAge == null ? null : Integer.valueOf(maxAge.trim());
      } catch (NumberFormatException ex) {
        throw S3Errors.malformedXml();
      }
      rules.add(new CorsRule(XmlInput.text(e, "ID"), origins, methods, texts(e, "AllowedHeader"), texts(e, "ExposeHeader"), age));
    }
    if (rules.isEmpty() || rules.size() > MAX_RULES) throw S3Errors.malformedXml();
    buckets.update(r.bucket(), b -> b.withCors(rules));
    return S3Response.empty(200);
  }

  S3Response get(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    Access.requireOwner(b, r.caller());
    if (b.cors().isEmpty()) {
      throw new S3Exception("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist", Map.of("BucketName", b.name()));
    }
    S3Xml xml = S3Xml.document("CORSConfiguration");
    for (CorsRule rule : b.cors()) {
      xml.open("CORSRule").element("ID", rule.id());
      rule.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
      rule.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
      rule.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
      rule.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
      xml.element("MaxAgeSeconds", rule.maxAgeSeconds()).close("CORSRule");
    }
    return S3Response.ok(xml.close("CORSConfiguration"));
  }

  S3Response delete(S3Request r) {
    Access.requireOwner(buckets.existing(r.bucket()), r.caller());
    buckets.update(r.bucket(), b -> b.withCors(List.of()));
    return S3Response.empty(204);
  }

  /** A preflight: 200 with the matching rule's headers, else S3's 403 (or 400 without Origin). */
  S3Response preflight(S3Request r) {
    Bucket b = buckets.existing(r.bucket());
    String origin = r.header("origin");
    String method = r.header("access-control-request-method");
    if (origin == null || method == null) {
      throw new S3Exception("BadRequest", 400, "Insufficient information. Origin request header needed.", Map.of());
    }
    List<String> headers = requestedHeaders(r.header("access-control-request-headers"));
    Optional<CorsRule> rule = CorsRule.match(b.cors(), origin, method, headers);
    if (rule.isEmpty()) {
      throw new S3Exception("AccessForbidden", 403, "CORSResponse: This CORS request is not allowed. This is usually because "
          + "the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
          + "are not whitelisted by the resource's CORS spec.", Map.of("Method", method, "ResourceType", "OBJECT"));
    }
    S3Response response = S3Response.empty(200);
    decorate(response, rule.get(), origin);
    if (!headers.isEmpty()) response.with("Access-Control-Allow-Headers", String.join(", ", headers));
    return response;
  }

  /** Adds the CORS headers to an answer to a request with {@code Origin} that a rule of its bucket allows. */
  void addHeaders(S3Request r, S3Response response) {
    String origin = r.header("origin");
    if (origin == null || r.bucket() == null || r.method().equals("OPTIONS")) return;
    Optional<Bucket> b = buckets.find(r.bucket());
    if (b.isEmpty() || b.get().cors().isEmpty()) return;
    CorsRule.match(b.get().cors(), origin, r.method(), List.of()).ifPresent(rule -> decorate(response, rule, origin));
  }

  private static void decorate(S3Response response, CorsRule rule, String origin) {
    response.with("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
    response.with("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!rule.anyOrigin()) response.with("Access-Control-Allow-Credentials", "true");
    if (!rule.exposeHeaders().isEmpty()) response.with("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    if (rule.maxAgeSeconds() != null) response.with("Access-Control-Max-Age", String.valueOf(rule.maxAgeSeconds()));
    response.with("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
  }

  private static List<String> requestedHeaders(String header) {
    if (header == null || header.isBlank()) return List.of();
    return Arrays.stream(header.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
  }

  private static List<String> texts(Element parent, String name) {
    return XmlInput.children(parent, name).stream().map(Element::getTextContent).toList();
  }
}
