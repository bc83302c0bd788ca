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
  public record Region(String name, String zoneIdPrefix, boolean optIn, String letters, int[] zoneNumbers) {

    /** {@code opt-in-not-required} or {@code not-opted-in} (Stratus opts nobody in). */
    public String optInStatus() { return optIn ? "not-opted-in" : "opt-in-not-required"; }

    public String endpoint() { return "ec2." + name + ".amazonaws.com"; }

    public List<Zone> zones() {
      return java.util.stream.IntStream.range(0, letters.length())
          .mapToObj(i -> new Zone(name + letters.charAt(i), zoneIdPrefix + "-az" + zoneNumbers[i], name))
          .toList();
    }
  }

  /** One Availability Zone. */
  public record Zone(String name, String id, String region) {}

  private static Region r(String name, String prefix, boolean optIn, String letters, int... numbers) {
    if (numbers.length == 0) numbers = java.util.stream.IntStream.rangeClosed(1, letters.length()).toArray();
    return new Region(name, prefix, optIn, letters, numbers);
  }

  /** Every region, in AWS's DescribeRegions order (alphabetical by name). */
  public static final List<Region> REGIONS = List.of(
      r("af-south-1", "afs1", true, "abc"),
      r("ap-east-1", "ape1", true, "abc"),
      r("ap-east-2", "ape2", true, "abc"),
      r("ap-northeast-1", "apne1", false, "acd", 4, 1, 2),
      r("ap-northeast-2", "apne2", false, "abcd"),
      r("ap-northeast-3", "apne3", false, "abc"),
      r("ap-south-1", "aps1", false, "abc"),
      r("ap-south-2", "aps2", true, "abc"),
      r("ap-southeast-1", "apse1", false, "abc"),
      r("ap-southeast-2", "apse2", false, "abc"),
      r("ap-southeast-3", "apse3", true, "abc"),
      r("ap-southeast-4", "apse4", true, "abc"),
      r("ap-southeast-5", "apse5", true, "abc"),
      r("ap-southeast-7", "apse7", true, "abc"),
      r("ca-central-1", "cac1", false, "abd", 1, 2, 4),
      r("ca-west-1", "caw1", true, "abc"),
      r("eu-central-1", "euc1", false, "abc"),
      r("eu-central-2", "euc2", true, "abc"),
      r("eu-north-1", "eun1", false, "abc"),
      r("eu-south-1", "eus1", true, "abc"),
      r("eu-south-2", "eus2", true, "abc"),
      r("eu-west-1", "euw1", false, "abc"),
      r("eu-west-2", "euw2", false, "abc"),
      r("eu-west-3", "euw3", false, "abc"),
      r("il-central-1", "ilc1", true, "abc"),
      r("me-central-1", "mec1", true, "abc"),
      r("me-south-1", "mes1", true, "abc"),
      r("mx-central-1", "mxc1", true, "abc"),
      r("sa-east-1", "sae1", false, "abc"),
      r("us-east-1", "use1", false, "abcdef", 6, 1, 2, 4, 3, 5),
      r("us-east-2", "use2", false, "abc"),
      r("us-west-1", "usw1", false, "bc", 3, 1),
      r("us-west-2", "usw2", false, "abcd", 2, 1, 3, 4));

  private static final Map<String, Region> BY_NAME =
      REGIONS.stream().collect(Collectors.toUnmodifiableMap(Region::name, Function.identity()));

  private RegionCatalog() {}

  public static Optional<Region> region(String name) { return Optional.ofNullable(BY_NAME.get(name)); }

  /** The zones of {@code region}; an unknown region (a custom one) gets zones a–c like most regions. */
  public static List<Zone> zones(String region) {
    return region(region).orElseGet(() -> r(region, "stx1", false, "abc")).zones();
  }
}
