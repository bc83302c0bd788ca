package dev.stratus.ec2.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * AWS's commercial regions and their Availability Zones, as DescribeRegions and
 * DescribeAvailabilityZones show them. Zone ids ({@code use1-az1}) are per-account mappings in
 * AWS; Stratus uses one fixed mapping, letter n → {@code az}n, except where AWS's zone letters
 * skip (us-west-1 b/c, ap-northeast-1 a/c/d, ca-central-1 a/b/d), which keep AWS's usual ids.
 */
public final class RegionCatalog {

  /** A region with its zone letters and zone-id numbers (same order). */
  public record Region(String name, String longName, String zoneIdPrefix, boolean optIn, String letters,
      int[] zoneNumbers) {

    /** {@code opt-in-not-required} or {@code not-opted-in} (Stratus opts nobody in). */
    public String optInStatus() { return optIn ? "not-opted-in" : "opt-in-not-required"; }

    public String endpoint() { return "ec2." + name + ".amazonaws.com"; }

    public List<Zone> zones() {
      return java.util.stream.IntStream.range(0, letters.length())
          .mapToObj(i -> new Zone(name + letters.charAt(i), zoneIdPrefix + "-az" + zoneNumbers[i], name, longName))
          .toList();
    }
  }

  /**
   * One Availability Zone. Its zone group is the region's first ({@code us-east-1-zg-1}, "US East
   * (N. Virginia) 1"), its network border group the region, as DescribeAvailabilityZones shows
   * an Availability Zone today (Local and Wavelength Zones have groups of their own).
   */
  public record Zone(String name, String id, String region, String regionLongName) {
    public String groupName() { return region + "-zg-1"; }

    public String groupLongName() { return regionLongName + " 1"; }

    public String networkBorderGroup() { return region; }
  }

  private static Region r(String name, String longName, String prefix, boolean optIn, String letters, int... numbers) {
    if (numbers.length == 0) numbers = java.util.stream.IntStream.rangeClosed(1, letters.length()).toArray();
    return new Region(name, longName, prefix, optIn, letters, numbers);
  }

  /** Every region, in AWS's DescribeRegions order (alphabetical by name). */
  public static final List<Region> REGIONS = List.of(
      r("af-south-1", "Africa (Cape Town)", "afs1", true, "abc"),
      r("ap-east-1", "Asia Pacific (Hong Kong)", "ape1", true, "abc"),
      r("ap-east-2", "Asia Pacific (Taipei)", "ape2", true, "abc"),
      r("ap-northeast-1", "Asia Pacific (Tokyo)", "apne1", false, "acd", 4, 1, 2),
      r("ap-northeast-2", "Asia Pacific (Seoul)", "apne2", false, "abcd"),
      r("ap-northeast-3", "Asia Pacific (Osaka)", "apne3", false, "abc"),
      r("ap-south-1", "Asia Pacific (Mumbai)", "aps1", false, "abc"),
      r("ap-south-2", "Asia Pacific (Hyderabad)", "aps2", true, "abc"),
      r("ap-southeast-1", "Asia Pacific (Singapore)", "apse1", false, "abc"),
      r("ap-southeast-2", "Asia Pacific (Sydney)", "apse2", false, "abc"),
      r("ap-southeast-3", "Asia Pacific (Jakarta)", "apse3", true, "abc"),
      r("ap-southeast-4", "Asia Pacific (Melbourne)", "apse4", true, "abc"),
      r("ap-southeast-5", "Asia Pacific (Malaysia)", "apse5", true, "abc"),
      r("ap-southeast-7", "Asia Pacific (Thailand)", "apse7", true, "abc"),
      r("ca-central-1", "Canada (Central)", "cac1", false, "abd", 1, 2, 4),
      r("ca-west-1", "Canada West (Calgary)", "caw1", true, "abc"),
      r("eu-central-1", "Europe (Frankfurt)", "euc1", false, "abc"),
      r("eu-central-2", "Europe (Zurich)", "euc2", true, "abc"),
      r("eu-north-1", "Europe (Stockholm)", "eun1", false, "abc"),
      r("eu-south-1", "Europe (Milan)", "eus1", true, "abc"),
      r("eu-south-2", "Europe (Spain)", "eus2", true, "abc"),
      r("eu-west-1", "Europe (Ireland)", "euw1", false, "abc"),
      r("eu-west-2", "Europe (London)", "euw2", false, "abc"),
      r("eu-west-3", "Europe (Paris)", "euw3", false, "abc"),
      r("il-central-1", "Israel (Tel Aviv)", "ilc1", true, "abc"),
      r("me-central-1", "Middle East (UAE)", "mec1", true, "abc"),
      r("me-south-1", "Middle East (Bahrain)", "mes1", true, "abc"),
      r("mx-central-1", "Mexico (Central)", "mxc1", true, "abc"),
      r("sa-east-1", "South America (Sao Paulo)", "sae1", false, "abc"),
      r("us-east-1", "US East (N. Virginia)", "use1", false, "abcdef", 6, 1, 2, 4, 3, 5),
      r("us-east-2", "US East (Ohio)", "use2", false, "abc"),
      r("us-west-1", "US West (N. California)", "usw1", false, "bc", 3, 1),
      r("us-west-2", "US West (Oregon)", "usw2", false, "abcd", 2, 1, 3, 4));

  private static final Map<String, Region> BY_NAME =
      REGIONS.stream().collect(Collectors.toUnmodifiableMap(Region::name, Function.identity()));

  private RegionCatalog() {}

  public static Optional<Region> region(String name) { return Optional.ofNullable(BY_NAME.get(name)); }

  /** The zones of {@code region}; an unknown region (a custom one) gets zones a–c like most regions. */
  public static List<Zone> zones(String region) {
    return region(region).orElseGet(() -> r(region, region, "stx1", false, "abc")).zones();
  }
}
