package dev.stratus.s3;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which bucket a request's Host names, as S3's endpoints do
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html), with
 * {@code localhost} standing in for {@code amazonaws.com}: website endpoints
 * ({@code b.s3-website-us-east-1.localhost}, {@code b.s3-website.us-east-1.localhost}),
 * virtual-hosted buckets ({@code b.s3.localhost}, {@code b.s3.us-east-1.amazonaws.com},
 * {@code b.s3.amazonaws.com}), and S3's own endpoints ({@code s3.localhost},
 * {@code s3.us-east-1.amazonaws.com}) where the path names the bucket.
 */
final class S3Addressing {
  private static final Pattern WEBSITE = Pattern.compile("(.+)\\.s3-website[.-]([a-z0-9-]+)\\.(?:localhost|amazonaws\\.com)");
  private static final Pattern VIRTUAL = Pattern.compile("(.+)\\.s3(?:[.-]([a-z0-9-]+))?\\.(?:localhost|amazonaws\\.com)");
  private static final Pattern ENDPOINT = Pattern.compile("s3(?:[.-]([a-z0-9-]+))?\\.(?:localhost|amazonaws\\.com)");
  private static final Pattern LOCAL_BUCKET = Pattern.compile("([a-z0-9][a-z0-9.-]*)\\.localhost");

  /** What a Host names. */
  sealed interface HostKind {}

  /** A bucket's website endpoint. */
  record Website(String bucket, String region) implements HostKind {}

  /** A virtual-hosted bucket (the path is the key). */
  record VirtualHosted(String bucket) implements HostKind {}

  /** S3's endpoint: the path names bucket and key. */
  record PathStyle() implements HostKind {}

  /** {@code <name>.localhost}: a bucket when Stratus holds one by that name. */
  record MaybeBucket(String bucket) implements HostKind {}

  private S3Addressing() {}

  /** The host without port or trailing dot, lower-cased. */
  static String host(String hostHeader) {
    if (hostHeader == null) return "";
    String h = hostHeader.trim();
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) h = h.substring(0, colon);
    if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
    return h.toLowerCase(Locale.ROOT);
  }

  static Optional<HostKind> classify(String host) {
    // every API call passes here: most hosts (127.0.0.1, localhost, other services' names) leave at once
    if (!host.endsWith(".localhost") && !host.endsWith(".amazonaws.com")) return Optional.empty();
    Matcher m = WEBSITE.matcher(host);
    if (m.matches()) return Optional.of(new Website(m.group(1), m.group(2)));
    if (ENDPOINT.matcher(host).matches()) return Optional.of(new PathStyle());
    m = VIRTUAL.matcher(host);
    if (m.matches()) return Optional.of(new VirtualHosted(m.group(1)));
    m = LOCAL_BUCKET.matcher(host);
    if (m.matches()) return Optional.of(new MaybeBucket(m.group(1)));
    return Optional.empty();
  }
}
