package dev.stratus.ec2.vpc;

import dev.stratus.core.RequestContext;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.ec2.model.RegionDefaults;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AccountAttributeValue;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/** EC2 API group "Regions and Zones" plus DescribeAccountAttributes. */
public final class RegionOperations {
  private static final Ec2Filters.Spec<RegionCatalog.Region> REGION_FILTERS =
      Ec2Filters.Spec.<RegionCatalog.Region>of(RegionCatalog.Region::name)
          .one("region-name", RegionCatalog.Region::name)
          .one("endpoint", RegionCatalog.Region::endpoint)
          .one("opt-in-status", RegionCatalog.Region::optInStatus);
  private static final Ec2Filters.Spec<RegionCatalog.Zone> ZONE_FILTERS =
      Ec2Filters.Spec.<RegionCatalog.Zone>of(RegionCatalog.Zone::name)
          .one("zone-name", RegionCatalog.Zone::name)
          .one("zone-id", RegionCatalog.Zone::id)
          .one("region-name", RegionCatalog.Zone::region)
          .one("group-name", RegionCatalog.Zone::groupName)
          .one("group-long-name", RegionCatalog.Zone::groupLongName)
          .one("network-border-group", RegionCatalog.Zone::networkBorderGroup)
          .one("state", z -> "available")
          .one("zone-type", z -> "availability-zone")
          .one("opt-in-status", z -> "opt-in-not-required")
          .one("message", z -> null)
          // Only Local and Wavelength Zones have a parent; the Availability Zones served here have none.
          .many("parent-zoneID", z -> List.of()).many("parent-zoneName", z -> List.of())
          .many("parent-zone-id", z -> List.of()).many("parent-zone-name", z -> List.of());

  private final Ec2Store store;

  public RegionOperations(Ec2Store store) { this.store = store; }

  public DescribeRegionsResponse describeRegions(RequestContext ctx, DescribeRegionsRequest req) {
    Ec2Store.dryRun(req.dryRun());
    boolean all = Boolean.TRUE.equals(req.allRegions());
    List<RegionCatalog.Region> regions = RegionCatalog.REGIONS.stream()
        .filter(r -> req.regionNames().isEmpty() ? all || !r.optIn() : req.regionNames().contains(r.name()))
        .toList();
    for (String name : req.regionNames()) {
      if (RegionCatalog.region(name).isEmpty()) {
        throw Ec2Errors.invalidParameterValue("Invalid region: " + name);
      }
    }
    regions = Ec2Filters.apply(req.filters(), regions, REGION_FILTERS, id -> Map.of());
    return DescribeRegionsResponse.builder().regions(regions.stream().map(r -> Region.builder()
        .regionName(r.name()).endpoint(r.endpoint()).optInStatus(r.optInStatus()).build()).toList()).build();
  }

  public DescribeAvailabilityZonesResponse describeAvailabilityZones(RequestContext ctx,
      DescribeAvailabilityZonesRequest req) {
    Ec2Store.dryRun(req.dryRun());
    List<RegionCatalog.Zone> zones = RegionCatalog.zones(ctx.region()).stream()
        .filter(z -> req.zoneNames().isEmpty() || req.zoneNames().contains(z.name()))
        .filter(z -> req.zoneIds().isEmpty() || req.zoneIds().contains(z.id()))
        .toList();
    for (String name : req.zoneNames()) {
      if (zones.stream().noneMatch(z -> z.name().equals(name))) {
        throw Ec2Errors.invalidParameterValue("The zone '" + name + "' does not exist.");
      }
    }
    zones = Ec2Filters.apply(req.filters(), zones, ZONE_FILTERS, id -> Map.of());
    return DescribeAvailabilityZonesResponse.builder().availabilityZones(zones.stream().map(z ->
        AvailabilityZone.builder().zoneName(z.name()).zoneId(z.id()).state("available")
            .optInStatus("opt-in-not-required").regionName(z.region()).groupName(z.groupName())
            .groupLongName(z.groupLongName()).networkBorderGroup(z.networkBorderGroup()).zoneType("availability-zone")
            .messages(List.of()).build()).toList()).build();
  }

  public DescribeAccountAttributesResponse describeAccountAttributes(RequestContext ctx,
      DescribeAccountAttributesRequest req) {
    Ec2Store.dryRun(req.dryRun());
    RegionDefaults defaults = store.read(ctx).get(Ec2Tables.DEFAULTS, ctx.regionalScope(), Ec2Tables.DEFAULTS_ID)
        .orElseThrow();
    String defaultVpc = defaults.defaultVpcId() == null
        || store.read(ctx).get(Ec2Tables.VPC, ctx.regionalScope(), defaults.defaultVpcId()).isEmpty()
        ? "none" : defaults.defaultVpcId();
    Map<String, List<String>> values = new java.util.LinkedHashMap<>();
    values.put("supported-platforms", List.of("VPC"));
    values.put("vpc-max-security-groups-per-interface", List.of("5"));
    values.put("max-elastic-ips", List.of("5"));
    values.put("max-instances", List.of("20"));
    values.put("vpc-max-elastic-ips", List.of("5"));
    values.put("default-vpc", List.of(defaultVpc));
    List<String> names = req.attributeNamesAsStrings();
    for (String n : names) {
      if (!values.containsKey(n)) throw Ec2Errors.invalidParameterValue("Invalid attribute name: " + n);
    }
    return DescribeAccountAttributesResponse.builder().accountAttributes(values.entrySet().stream()
        .filter(e -> names.isEmpty() || names.contains(e.getKey()))
        .map(e -> AccountAttribute.builder().attributeName(e.getKey()).attributeValues(e.getValue().stream()
            .map(v -> AccountAttributeValue.builder().attributeValue(v).build()).toList()).build())
        .toList()).build();
  }
}
