package dev.stratus.ec2.reachability;

import dev.stratus.ec2.model.Vpc;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which environment (prod, staging, dev, …) a VPC attached to a transit gateway belongs to, as
 * its tags, its attachment's tags or its names suggest, with the evidence in words.
 *
 * @param environment the canonical environment: {@code prod}, {@code staging}, {@code dev},
 *     {@code test}, {@code qa}, {@code uat}, {@code sandbox}, or a tag's own value
 * @param evidence where it was read, e.g. {@code tagged Environment=Production} or
 *     {@code named vpc-prod-01}
 */
record EnvironmentHint(String environment, String evidence) {
  /*
   * Order of evidence, strongest first: an environment tag on the VPC (Environment, env, Stage,
   * Tier), the same tags on the attachment, then the words of the VPC's Name tag, the
   * attachment's Name tag and the VPC id (imported describe-* dumps often carry readable ids such
   * as vpc-prod-01). Words are split on anything but letters and digits and matched against the
   * synonyms below, so "prod-vpc", "PRODUCTION" and "vpc-prd" all mean prod; a name without such
   * a word gives no hint (better silent than a false alarm). A tag value that is not a known
   * synonym is kept as written, compared without case.
   */
  private static final List<String> ENVIRONMENT_TAGS = List.of("environment", "env", "stage", "tier");
  /** Name words → canonical environment. */
  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("prod", "prod"), Map.entry("production", "prod"), Map.entry("prd", "prod"), Map.entry("live", "prod"),
      Map.entry("staging", "staging"), Map.entry("stage", "staging"), Map.entry("stg", "staging"),
      Map.entry("preprod", "staging"), Map.entry("dev", "dev"), Map.entry("development", "dev"),
      Map.entry("test", "test"), Map.entry("testing", "test"), Map.entry("qa", "qa"), Map.entry("uat", "uat"),
      Map.entry("sandbox", "sandbox"), Map.entry("sbx", "sandbox"),
      Map.entry("shared", "shared"), Map.entry("hub", "hub"), Map.entry("egress", "egress"),
      Map.entry("inspection", "inspection"), Map.entry("network", "network"), Map.entry("common", "common"));

  /** The hint for {@code vpc} attached through {@code attachment}, if anything suggests one. */
  static Optional<EnvironmentHint> of(Vpc vpc, Map<String, String> vpcTags, Map<String, String> attachmentTags) {
    return tagged(vpcTags).or(() -> tagged(attachmentTags))
        .or(() -> named(vpcTags.get("Name"))).or(() -> named(attachmentTags.get("Name")))
        .or(() -> named(vpc.id()));
  }

  private static Optional<EnvironmentHint> tagged(Map<String, String> tags) {
    for (String key : ENVIRONMENT_TAGS) {
      for (var t : tags.entrySet()) {
        if (t.getKey().toLowerCase(Locale.ROOT).equals(key) && !t.getValue().isBlank()) {
          String value = t.getValue().trim();
          String canonical = WORDS.getOrDefault(value.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
          return Optional.of(new EnvironmentHint(canonical, "tagged " + t.getKey() + "=" + value));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<EnvironmentHint> named(String name) {
    if (name == null) return Optional.empty();
    for (String word : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      String canonical = WORDS.get(word);
      if (canonical != null) return Optional.of(new EnvironmentHint(canonical, "named " + name));
    }
    return Optional.empty();
  }
}
