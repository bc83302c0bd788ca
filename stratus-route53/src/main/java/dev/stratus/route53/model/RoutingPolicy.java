package dev.stratus.route53.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * How Route 53 chooses among the record sets of one (name, type) group (route53.md §1–15). A
 * group uses one policy only (§2); every policy but {@link Simple} needs a {@code SetIdentifier},
 * which lives on {@link ResourceRecordSet}. The variants hold only the policy's own fields, as
 * AWS's {@code ResourceRecordSet} members ({@code Weight}, {@code Region}, {@code Failover}, …).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "policy")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RoutingPolicy.Simple.class, name = "Simple"),
    @JsonSubTypes.Type(value = RoutingPolicy.Weighted.class, name = "Weighted"),
    @JsonSubTypes.Type(value = RoutingPolicy.Latency.class, name = "Latency"),
    @JsonSubTypes.Type(value = RoutingPolicy.Failover.class, name = "Failover"),
    @JsonSubTypes.Type(value = RoutingPolicy.Geolocation.class, name = "Geolocation"),
    @JsonSubTypes.Type(value = RoutingPolicy.Geoproximity.class, name = "Geoproximity"),
    @JsonSubTypes.Type(value = RoutingPolicy.MultiValue.class, name = "MultiValue"),
    @JsonSubTypes.Type(value = RoutingPolicy.CidrRouting.class, name = "CidrRouting"),
})
public sealed interface RoutingPolicy {

  /** The policy's name as AWS's error texts and the console spell it. */
  String label();

  /** One record set per (name, type); all its values are answered (§1). */
  record Simple() implements RoutingPolicy {
    public String label() { return "simple"; }
  }

  /**
   * Weighted round robin (§3–5).
   *
   * @param weight 0..255; a record of weight 0 is answered only when the whole group is 0 or
   *     every non-zero record is unhealthy
   */
  record Weighted(long weight) implements RoutingPolicy {
    /** The largest {@code Weight} AWS accepts (§3). */
    public static final long MAX_WEIGHT = 255;

    public String label() { return "weighted"; }
  }

  /** Lowest latency from the client to {@code region}, e.g. {@code eu-west-1} (§6). */
  record Latency(String region) implements RoutingPolicy {
    public Latency { Objects.requireNonNull(region, "region"); }

    public String label() { return "latency"; }
  }

  /** Active-passive failover (§7): one PRIMARY and one SECONDARY per group. */
  record Failover(Role role) implements RoutingPolicy {
    public Failover { Objects.requireNonNull(role, "role"); }

    public String label() { return "failover"; }

    /** AWS's {@code Failover} values; the constant name is the wire value. */
    public enum Role {
      /** Answered while healthy, and also when both records are unhealthy (§7). */
      PRIMARY,
      /** Answered when the primary is unhealthy and this record is healthy or unchecked (§7). */
      SECONDARY
    }
  }

  /** By the client's location, smallest matching region first (§8–10). */
  record Geolocation(GeoLocation location) implements RoutingPolicy {
    public Geolocation { Objects.requireNonNull(location, "location"); }

    public String label() { return "geolocation"; }
  }

  /** By biased distance from the client (§11); never in private zones. */
  record Geoproximity(GeoproximityLocation location) implements RoutingPolicy {
    public Geoproximity { Objects.requireNonNull(location, "location"); }

    public String label() { return "geoproximity"; }
  }

  /** Up to eight healthy single-value records per answer (§13). */
  record MultiValue() implements RoutingPolicy {
    public String label() { return "multivalue"; }
  }

  /**
   * By the client's subnet, matched against a CIDR collection's location (§14).
   *
   * @param collectionId the CIDR collection's UUID
   * @param locationName a location of that collection, or {@code *} for the default record
   */
  record CidrRouting(String collectionId, String locationName) implements RoutingPolicy {
    /** The {@code LocationName} of the default record of an IP-based group (§14). */
    public static final String DEFAULT_LOCATION = "*";

    public CidrRouting {
      Objects.requireNonNull(collectionId, "collectionId");
      Objects.requireNonNull(locationName, "locationName");
    }

    public String label() { return "IP-based"; }
  }
}
