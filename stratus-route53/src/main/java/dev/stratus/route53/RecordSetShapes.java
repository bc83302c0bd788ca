package dev.stratus.route53;

import dev.stratus.route53.model.AliasTarget;
import dev.stratus.route53.model.DnsName;
import dev.stratus.route53.model.GeoLocation;
import dev.stratus.route53.model.GeoLocations;
import dev.stratus.route53.model.GeoproximityLocation;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RoutingPolicy;
import dev.stratus.route53.model.RrType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.CidrRoutingConfig;
import software.amazon.awssdk.services.route53.model.Coordinates;
import software.amazon.awssdk.services.route53.model.GeoProximityLocation;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * Converts record sets between the SDK and the model. Reading a request checks what AWS reports
 * as {@code InvalidInput} (the shape of one change: enum values, ranges, exactly one routing
 * policy, SetIdentifier presence, geolocation codes) before the model's change-batch rules run.
 */
public final class RecordSetShapes {
  /*
   * AWS describes a change in these messages as "Change with [Action=CREATE, Name=a.example.com.,
   * Type=A, SetIdentifier=null]" and lists alternatives as "Expected exactly one of [...], but
   * found none|more than one". The validation-constraint texts use AWS's generic wording with the
   * member path "changeBatch.changes.N.member.resourceRecordSet.<member>" (N from 1).
   */

  /** Largest TTL AWS accepts, seconds (2^31 − 1). */
  public static final long MAX_TTL = 2_147_483_647L;
  /** Longest SetIdentifier, characters (route53.md §2). */
  public static final int MAX_SET_IDENTIFIER = 128;

  private static final String POLICIES =
      "[Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig]";

  private RecordSetShapes() {}

  /** The model record of change number {@code index} (from 1), or InvalidInput. */
  public static ResourceRecordSet fromSdk(Change change, int index) {
    var r = change.resourceRecordSet();
    String path = "changeBatch.changes." + index + ".member.resourceRecordSet";
    if (r == null) throw Route53Errors.missing("changeBatch.changes." + index + ".member.resourceRecordSet");
    if (r.name() == null) throw Route53Errors.missing(path + ".name");
    RrType type = RrType.fromWire(r.typeAsString()).orElseThrow(() -> Route53Errors.constraint(r.typeAsString(),
        path + ".type", "Member must satisfy enum value set: " + Arrays.toString(RrType.values())));
    String problem = DnsName.problem(r.name());
    String name = DnsName.normalize(r.name());
    String where = " in Change with [Action=" + change.actionAsString() + ", Name=" + name + ", Type=" + type
        + ", SetIdentifier=" + r.setIdentifier() + "]";
    if (problem != null) throw Route53Errors.invalidInput("Invalid request: " + problem + where);
    boolean hasRecords = r.hasResourceRecords() && !r.resourceRecords().isEmpty();
    boolean alias = r.aliasTarget() != null;
    if (alias == (r.ttl() != null || hasRecords) || (!alias && (r.ttl() == null || !hasRecords))) {
      String found = alias ? "more than one" : (r.ttl() == null && !hasRecords ? "none" : "an incomplete set");
      throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and"
          + " ResourceRecords], or TrafficPolicyInstanceId], but found " + found + where);
    }
    if (r.ttl() != null && (r.ttl() < 0 || r.ttl() > MAX_TTL)) {
      throw Route53Errors.constraint(r.ttl(), path + ".tTL", r.ttl() < 0
          ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to " + MAX_TTL);
    }
    RoutingPolicy routing = routing(r, path, where);
    Optional<String> setId = Route53Shapes.optional(r.setIdentifier());
    if (setId.isPresent() && setId.get().length() > MAX_SET_IDENTIFIER) {
      throw Route53Errors.constraint(setId.get(), path + ".setIdentifier",
          "Member must have length less than or equal to " + MAX_SET_IDENTIFIER);
    }
    if (routing instanceof RoutingPolicy.Simple && setId.isPresent()) {
      throw Route53Errors.invalidInput("Invalid request: Expected exactly one of " + POLICIES + ", but found none" + where);
    }
    if (!(routing instanceof RoutingPolicy.Simple) && setId.isEmpty()) {
      throw Route53Errors.invalidInput("Invalid request: Missing field 'SetIdentifier'" + where);
    }
    List<String> values = hasRecords ? r.resourceRecords().stream().map(ResourceRecord::value).toList() : List.of();
    if (values.stream().anyMatch(v -> v == null)) throw Route53Errors.missing(path + ".resourceRecords.member.value");
    Optional<AliasTarget> target = alias ? Optional.of(alias(r.aliasTarget(), path)) : Optional.empty();
    return new ResourceRecordSet(name, type, setId, routing, Optional.ofNullable(r.ttl()), values, target,
        Route53Shapes.optional(r.healthCheckId()));
  }

  private static AliasTarget alias(software.amazon.awssdk.services.route53.model.AliasTarget a, String path) {
    if (a.hostedZoneId() == null) throw Route53Errors.missing(path + ".aliasTarget.hostedZoneId");
    if (a.dnsName() == null) throw Route53Errors.missing(path + ".aliasTarget.dNSName");
    if (a.evaluateTargetHealth() == null) throw Route53Errors.missing(path + ".aliasTarget.evaluateTargetHealth");
    return new AliasTarget(Route53Shapes.zoneId(a.hostedZoneId()), DnsName.normalize(a.dnsName()), a.evaluateTargetHealth());
  }

  private static RoutingPolicy routing(software.amazon.awssdk.services.route53.model.ResourceRecordSet r, String path,
      String where) {
    var found = new ArrayList<RoutingPolicy>();
    if (r.weight() != null) {
      if (r.weight() < 0 || r.weight() > RoutingPolicy.Weighted.MAX_WEIGHT) {
        throw Route53Errors.constraint(r.weight(), path + ".weight", r.weight() < 0
            ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 255");
      }
      found.add(new RoutingPolicy.Weighted(r.weight()));
    }
    if (r.regionAsString() != null) found.add(new RoutingPolicy.Latency(r.regionAsString()));
    if (r.failoverAsString() != null) {
      var role = Arrays.stream(RoutingPolicy.Failover.Role.values()).filter(v -> v.name().equals(r.failoverAsString()))
          .findFirst().orElseThrow(() -> Route53Errors.constraint(r.failoverAsString(), path + ".failover",
              "Member must satisfy enum value set: [PRIMARY, SECONDARY]"));
      found.add(new RoutingPolicy.Failover(role));
    }
    if (r.geoLocation() != null) found.add(new RoutingPolicy.Geolocation(geoLocation(r.geoLocation(), where)));
    if (Boolean.TRUE.equals(r.multiValueAnswer())) found.add(new RoutingPolicy.MultiValue());
    if (r.geoProximityLocation() != null) found.add(new RoutingPolicy.Geoproximity(geoproximity(r.geoProximityLocation(), path, where)));
    if (r.cidrRoutingConfig() != null) found.add(cidr(r.cidrRoutingConfig(), path));
    if (found.size() > 1) {
      throw Route53Errors.invalidInput("Invalid request: Expected exactly one of " + POLICIES + ", but found more than one" + where);
    }
    return found.isEmpty() ? new RoutingPolicy.Simple() : found.getFirst();
  }

  /** Route 53's location rules (route53.md §8); inferred texts. */
  static GeoLocation geoLocation(software.amazon.awssdk.services.route53.model.GeoLocation g, String where) {
    var location = new GeoLocation(Route53Shapes.optional(g.continentCode()), Route53Shapes.optional(g.countryCode()),
        Route53Shapes.optional(g.subdivisionCode()));
    if (location.continentCode().isPresent() && (location.countryCode().isPresent() || location.subdivisionCode().isPresent())) {
      throw Route53Errors.invalidInput("Invalid request: GeoLocation may specify ContinentCode or CountryCode"
          + " (with an optional SubdivisionCode), not both" + where);
    }
    if (!GeoLocations.exists(location)) {
      throw Route53Errors.invalidInput("Invalid request: GeoLocation [ContinentCode=" + g.continentCode()
          + ", CountryCode=" + g.countryCode() + ", SubdivisionCode=" + g.subdivisionCode()
          + "] is not a location supported by Route 53" + where);
    }
    return location;
  }

  private static GeoproximityLocation geoproximity(GeoProximityLocation g, String path, String where) {
    int given = (g.awsRegion() != null ? 1 : 0) + (g.localZoneGroup() != null ? 1 : 0) + (g.coordinates() != null ? 1 : 0);
    if (given != 1) {
      throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or"
          + " Coordinates], but found " + (given == 0 ? "none" : "more than one") + where);
    }
    if (g.bias() != null && (g.bias() < GeoproximityLocation.MIN_BIAS || g.bias() > GeoproximityLocation.MAX_BIAS)) {
      throw Route53Errors.constraint(g.bias(), path + ".geoProximityLocation.bias", g.bias() < 0
          ? "Member must have value greater than or equal to -99" : "Member must have value less than or equal to 99");
    }
    Optional<GeoproximityLocation.Coordinates> coordinates = Optional.ofNullable(g.coordinates())
        .map(c -> coordinates(c, path));
    return new GeoproximityLocation(Optional.ofNullable(g.awsRegion()), Optional.ofNullable(g.localZoneGroup()),
        coordinates, Optional.ofNullable(g.bias()));
  }

  private static GeoproximityLocation.Coordinates coordinates(Coordinates c, String path) {
    check(c.latitude(), 90, path + ".geoProximityLocation.coordinates.latitude");
    check(c.longitude(), 180, path + ".geoProximityLocation.coordinates.longitude");
    return new GeoproximityLocation.Coordinates(c.latitude(), c.longitude());
  }

  private static void check(String degrees, int max, String path) {
    if (degrees == null) throw Route53Errors.missing(path);
    if (!degrees.matches("-?\\d{1,3}(\\.\\d{1,2})?") || Math.abs(Double.parseDouble(degrees)) > max) {
      throw Route53Errors.constraint(degrees, path, "Member must satisfy regular expression pattern: [-+]?[0-9]{1,3}(\\.[0-9]{0,2})?");
    }
  }

  private static RoutingPolicy cidr(CidrRoutingConfig c, String path) {
    if (c.collectionId() == null) throw Route53Errors.missing(path + ".cidrRoutingConfig.collectionId");
    if (c.locationName() == null) throw Route53Errors.missing(path + ".cidrRoutingConfig.locationName");
    if (!c.locationName().matches("[0-9A-Za-z_\\-*]{1,16}")) {
      throw Route53Errors.constraint(c.locationName(), path + ".cidrRoutingConfig.locationName",
          "Member must satisfy regular expression pattern: [0-9A-Za-z_\\-\\*]+");
    }
    return new RoutingPolicy.CidrRouting(c.collectionId(), c.locationName());
  }

  /** The SDK shape of a stored record set; names come back escaped as AWS returns them (§35). */
  public static software.amazon.awssdk.services.route53.model.ResourceRecordSet toSdk(ResourceRecordSet r) {
    var b = software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder()
        .name(DnsName.toWire(r.name())).type(r.type().name()).setIdentifier(r.setIdentifier().orElse(null))
        .ttl(r.ttl().orElse(null)).healthCheckId(r.healthCheckId().orElse(null));
    if (!r.values().isEmpty()) b.resourceRecords(r.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
    r.aliasTarget().ifPresent(a -> b.aliasTarget(software.amazon.awssdk.services.route53.model.AliasTarget.builder()
        .hostedZoneId(a.hostedZoneId()).dnsName(DnsName.toWire(a.dnsName())).evaluateTargetHealth(a.evaluateTargetHealth()).build()));
    switch (r.routing()) {
      case RoutingPolicy.Simple s -> { }
      case RoutingPolicy.Weighted w -> b.weight(w.weight());
      case RoutingPolicy.Latency l -> b.region(l.region());
      case RoutingPolicy.Failover f -> b.failover(f.role().name());
      case RoutingPolicy.Geolocation g -> b.geoLocation(software.amazon.awssdk.services.route53.model.GeoLocation.builder()
          .continentCode(g.location().continentCode().orElse(null)).countryCode(g.location().countryCode().orElse(null))
          .subdivisionCode(g.location().subdivisionCode().orElse(null)).build());
      case RoutingPolicy.Geoproximity g -> b.geoProximityLocation(GeoProximityLocation.builder()
          .awsRegion(g.location().awsRegion().orElse(null)).localZoneGroup(g.location().localZoneGroup().orElse(null))
          .coordinates(g.location().coordinates().map(c -> Coordinates.builder().latitude(c.latitude())
              .longitude(c.longitude()).build()).orElse(null))
          .bias(g.location().bias().orElse(null)).build());
      case RoutingPolicy.MultiValue m -> b.multiValueAnswer(true);
      case RoutingPolicy.CidrRouting c -> b.cidrRoutingConfig(CidrRoutingConfig.builder().collectionId(c.collectionId())
          .locationName(c.locationName()).build());
    }
    return b.build();
  }
}
