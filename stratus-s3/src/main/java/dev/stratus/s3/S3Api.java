package dev.stratus.s3;

import dev.stratus.core.AwsException;
import dev.stratus.core.store.Store;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One S3 request to one operation, by method, by whether bucket and key are named, and by
 * sub-resource ({@code ?policy}, {@code ?uploads}, …), and every failure into S3's
 * {@code <Error>} document (none for HEAD, whose errors are the status alone).
 */
final class S3Api {
  private static final Logger LOG = Logger.getLogger(S3Api.class.getName());

  /** S3 sub-resources Stratus does not serve yet: answered 501 NotImplemented, never mistaken for a listing. */
  private static final Set<String> UNSERVED = Set.of("acl", "lifecycle", "versioning", "encryption", "logging",
      "notification", "replication", "requestPayment", "accelerate", "ownershipControls", "publicAccessBlock",
      "object-lock", "intelligent-tiering", "inventory", "metrics", "analytics", "policyStatus", "versions",
      "retention", "legal-hold", "attributes", "restore", "select", "torrent");

  private final BucketOperations buckets;
  private final ObjectOperations objects;
  private final ListingOperations listings;
  private final MultipartOperations multipart;
  private final ConfigurationOperations configuration;
  private final WebsiteEndpoint website;
  private final ObjectTagging tagging;
  private final CorsOperations cors;

  S3Api(Store store, ObjectFiles files) {
    this.buckets = new BucketOperations(store, files);
    this.objects = new ObjectOperations(store, files, buckets);
    this.listings = new ListingOperations(store, buckets);
    this.multipart = new MultipartOperations(store, files, buckets, objects);
    this.configuration = new ConfigurationOperations(buckets);
    this.website = new WebsiteEndpoint(store, objects);
    this.tagging = new ObjectTagging(store, buckets);
    this.cors = new CorsOperations(buckets);
  }

  BucketOperations buckets() { return buckets; }

  S3Response handle(S3Request r) {
    S3Response response;
    try {
      response = route(r);
      cors.addHeaders(r, response);
    } catch (S3Exception e) {
      response = error(r, e.code(), e.httpStatus(), e.getMessage(), e.details());
    } catch (AwsException e) {
      response = error(r, e.code(), e.httpStatus(), e.getMessage(), Map.of());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "S3 " + r.method() + " failed", e);
      response = error(r, "InternalError", 500, "We encountered an internal error. Please try again.", Map.of());
    }
    return response.with("x-amz-request-id", r.requestId()).with("x-amz-id-2", r.requestId());
  }

  private S3Response route(S3Request r) {
    if (r.website()) return website.serve(r);
    if (r.bucket() == null) {
      if (r.method().equals("GET")) return buckets.listBuckets(r);
      throw S3Errors.methodNotAllowed(r.method());
    }
    if (r.method().equals("OPTIONS")) return cors.preflight(r);
    if (r.has("cors") && r.key() == null) {
      return switch (r.method()) {
        case "PUT" -> cors.put(r);
        case "GET" -> cors.get(r);
        case "DELETE" -> cors.delete(r);
        default -> throw S3Errors.methodNotAllowed(r.method());
      };
    }
    for (String sub : UNSERVED) {
      if (!r.has(sub)) continue;
      if (r.method().equals("GET")) {
        var bucket = buckets.existing(r.bucket());
        Access.requireOwner(bucket, r.caller());
        if (r.key() == null) {
          var answer = UnconfiguredBucket.get(sub, bucket);
          if (answer.isPresent()) return answer.get();
        } else if (sub.equals("acl")) {
          objects.getObject(new S3Request("HEAD", r.bucket(), r.key(), java.util.Map.of(), r.headers(), r.body(), r.caller(),
              r.account(), r.region(), r.requestId(), r.now(), r.host(), false), true);
          return UnconfiguredBucket.acl(bucket.owner());
        }
      }
      throw S3Errors.notImplemented("?" + sub);
    }
    return r.key() == null ? bucket(r) : object(r);
  }

  private S3Response bucket(S3Request r) {
    return switch (r.method()) {
      case "PUT" -> r.has("policy") ? buckets.putBucketPolicy(r)
          : r.has("website") ? configuration.putWebsite(r)
          : r.has("tagging") ? configuration.putTagging(r)
          : buckets.createBucket(r);
      case "GET" -> r.has("location") ? buckets.getBucketLocation(r)
          : r.has("policy") ? buckets.getBucketPolicy(r)
          : r.has("website") ? configuration.getWebsite(r)
          : r.has("tagging") ? configuration.getTagging(r)
          : r.has("uploads") ? multipart.listUploads(r)
          : "2".equals(r.param("list-type")) ? listings.listObjectsV2(r)
          : listings.listObjects(r);
      case "HEAD" -> buckets.headBucket(r);
      case "DELETE" -> r.has("policy") ? buckets.deleteBucketPolicy(r)
          : r.has("website") ? configuration.deleteWebsite(r)
          : r.has("tagging") ? configuration.deleteTagging(r)
          : buckets.deleteBucket(r);
      case "POST" -> {
        if (r.has("delete")) yield objects.deleteObjects(r);
        throw S3Errors.methodNotAllowed(r.method());
      }
      default -> throw S3Errors.methodNotAllowed(r.method());
    };
  }

  private S3Response object(S3Request r) {
    if (r.has("tagging")) {
      return switch (r.method()) {
        case "GET" -> tagging.get(r);
        case "PUT" -> tagging.put(r);
        case "DELETE" -> tagging.delete(r);
        default -> throw S3Errors.methodNotAllowed(r.method());
      };
    }
    return switch (r.method()) {
      case "PUT" -> {
        if (r.has("uploadId")) {
          if (r.header("x-amz-copy-source") != null) throw S3Errors.notImplemented("x-amz-copy-source");
          yield multipart.uploadPart(r);
        }
        yield r.header("x-amz-copy-source") != null ? objects.copyObject(r) : objects.putObject(r);
      }
      case "GET" -> r.has("uploadId") ? multipart.listParts(r) : objects.getObject(r, false);
      case "HEAD" -> objects.getObject(r, true);
      case "DELETE" -> r.has("uploadId") ? multipart.abort(r) : objects.deleteObject(r);
      case "POST" -> {
        if (r.has("uploads")) yield multipart.create(r);
        if (r.has("uploadId")) yield multipart.complete(r);
        throw S3Errors.methodNotAllowed(r.method());
      }
      default -> throw S3Errors.methodNotAllowed(r.method());
    };
  }

  /** S3's error document: {@code <Error><Code/><Message/>…<RequestId/><HostId/></Error>}. */
  private static S3Response error(S3Request r, String code, int status, String message, Map<String, String> details) {
    return error(r.method(), r.requestId(), code, status, message, details);
  }

  /** As above, for a request that failed before it became an {@link S3Request} (a malformed body, an expired URL). */
  static S3Response error(String method, String requestId, String code, int status, String message, Map<String, String> details) {
    if (method.equals("HEAD")) return S3Response.empty(status).with("x-amz-request-id", requestId);
    S3Xml xml = S3Xml.bare("Error").element("Code", code).element("Message", message);
    new java.util.TreeMap<>(details).forEach(xml::element);
    xml.element("RequestId", requestId).element("HostId", requestId).close("Error");
    S3Response response = S3Response.xml(status, xml).with("x-amz-request-id", requestId);
    if (status == 416 && details.containsKey("ActualObjectSize")) response.with("Content-Range", "bytes */" + details.get("ActualObjectSize"));
    return response;
  }
}
