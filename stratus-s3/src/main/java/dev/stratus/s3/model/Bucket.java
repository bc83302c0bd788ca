package dev.stratus.s3.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One bucket. Bucket names are global across accounts and Regions, so every bucket lives in one
 * store scope ({@link #SCOPE}) keyed by name.
 *
 * @param policy the bucket policy's JSON as put, or null
 * @param website the static website configuration, or null
 */
public record Bucket(String name, String owner, String region, Instant created, String policy,
    WebsiteConfiguration website, Map<String, String> tags, java.util.List<CorsRule> cors) {
  public static final Table<Bucket> TABLE = Table.of("s3.bucket", Bucket.class);
  /** The one scope of the bucket table. */
  public static final String SCOPE = "global";

  public Bucket {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(created, "created");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    cors = cors == null ? java.util.List.of() : java.util.List.copyOf(cors);
  }

  /** A bucket without CORS rules. */
  public Bucket(String name, String owner, String region, Instant created, String policy, WebsiteConfiguration website,
      Map<String, String> tags) {
    this(name, owner, region, created, policy, website, tags, java.util.List.of());
  }

  public Bucket withCors(java.util.List<CorsRule> rules) { return new Bucket(name, owner, region, created, policy, website, tags, rules); }

  public Bucket withPolicy(String newPolicy) { return new Bucket(name, owner, region, created, newPolicy, website, tags, cors); }

  public Bucket withWebsite(WebsiteConfiguration w) { return new Bucket(name, owner, region, created, policy, w, tags, cors); }

  public Bucket withTags(Map<String, String> t) { return new Bucket(name, owner, region, created, policy, website, t, cors); }

  /** {@code arn:aws:s3:::name}. */
  public String arn() { return "arn:aws:s3:::" + name; }
}
