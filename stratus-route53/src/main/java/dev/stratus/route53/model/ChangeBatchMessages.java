package dev.stratus.route53.model;

/**
 * The texts of InvalidChangeBatch messages, one per rule (route53.md §32–35). The validator is
 * pure and lives here in the model, so its messages do too; {@code Route53Errors} wraps them in
 * the InvalidChangeBatch error.
 *
 * <p>Texts marked "AWS" are quoted in route53.md or seen in AWS answers; texts marked "inferred"
 * follow AWS's wording style where no real answer was available.
 */
public final class ChangeBatchMessages {
  private ChangeBatchMessages() {}

  /** AWS (§33). */
  public static String alreadyExists(ResourceRecordSet.Key key) {
    return "Tried to create resource record set " + key.describe() + " but it already exists";
  }

  /** AWS (§33). */
  public static String notFound(ResourceRecordSet.Key key) {
    return "Tried to delete resource record set " + key.describe() + " but it was not found";
  }

  /** AWS (§33): a DELETE must repeat the record exactly. */
  public static String valuesMismatch(ResourceRecordSet.Key key) {
    return "Tried to delete resource record set " + key.describe()
        + " but the values provided do not match the current values";
  }

  /** AWS (§35). */
  public static String outsideZone(String name, String zone) {
    return "RRSet with DNS name " + name + " is not permitted in zone " + zone;
  }

  /** AWS (§34), as seen in AWS answers. */
  public static String cnameAtApex(String name, String zone) {
    return "RRSet of type CNAME with DNS name " + name + " is not permitted at apex in zone " + zone;
  }

  /** AWS (§34): a CNAME added beside other types. */
  public static String cnameConflicts(String name, String zone) {
    return "RRSet of type CNAME with DNS name " + name
        + " is not permitted as it conflicts with other records with the same DNS name in zone " + zone;
  }

  /** AWS (§34): another type added beside a CNAME; AWS's text has two spaces before CNAME. */
  public static String conflictsWithCname(RrType type, String name, String zone) {
    return "RRSet of type " + type + " with DNS name " + name
        + " is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone "
        + zone;
  }

  /** Inferred (§34): a CNAME has exactly one value. */
  public static String cnameMultipleValues(String name) {
    return "RRSet of type CNAME with DNS name " + name + " contains more than one value";
  }

  /** AWS (§2): a non-simple record where a group of another policy exists. */
  public static String mixedPolicy(ResourceRecordSet rrs) {
    return "RRSet with DNS name " + rrs.name() + ", type " + rrs.type() + ", SetIdentifier "
        + rrs.setIdentifier().orElse("") + " cannot be created as a non-" + rrs.routing().label()
        + " set exists with the same name and type.";
  }

  /** AWS (§2): a simple record where non-simple records of the name and type exist. */
  public static String simpleBesideOthers(ResourceRecordSet rrs) {
    return "RRSet with DNS name " + rrs.name() + ", type " + rrs.type()
        + " cannot be created as other RRSets exist with the same name and type.";
  }

  /** Inferred (§6–8, §14): two records of a group claim the same Region/role/location. */
  public static String duplicateInGroup(ResourceRecordSet rrs, String what) {
    return "RRSet with DNS name " + rrs.name() + ", type " + rrs.type() + ", SetIdentifier "
        + rrs.setIdentifier().orElse("") + " cannot be created because another RRSet with the same name and type has the same " + what;
  }

  /** Inferred (§14): every IP-based record of a group must use one CIDR collection. */
  public static String mixedCidrCollections(ResourceRecordSet rrs) {
    return "RRSet with DNS name " + rrs.name() + ", type " + rrs.type() + ", SetIdentifier "
        + rrs.setIdentifier().orElse("") + " must reference the same CIDR collection as the other RRSets with the same name and type";
  }

  /** Inferred (§15). */
  public static String tooManyInGroup(String name, RrType type, int max) {
    return "Too many resource record sets with DNS name " + name + " and type " + type + ": the maximum is " + max;
  }

  /** Inferred (§15): 400 values per record. */
  public static String tooManyValues(String name, int max) {
    return "Cannot have more than " + max + " records in a RRSet with DNS name " + name;
  }

  /** Inferred (§15): 10,000 records per zone. */
  public static String tooManyRecordsInZone(String zone, int max) {
    return "The hosted zone " + zone + " would contain more than " + max + " resource record sets";
  }

  /** Inferred (§36). */
  public static String tooManyResourceRecords(int max) {
    return "Number of records limit of " + max + " exceeded.";
  }

  /** Inferred (§36). */
  public static String tooManyCharacters(int max) {
    return "Number of characters limit of " + max + " exceeded.";
  }

  /** AWS wording: a same-zone alias whose target record does not exist (§16). */
  public static String aliasTargetNotFound(String target, RrType type, String zoneId) {
    return "Tried to create an alias that targets " + target + ", type " + type + " in zone " + zoneId
        + ", but that target was not found";
  }

  /** AWS wording: an alias whose target name lies outside the zone named by its HostedZoneId (§16). */
  public static String aliasTargetOutsideZone(String target, RrType type, String zoneId) {
    return "Tried to create an alias that targets " + target + ", type " + type + " in zone " + zoneId
        + ", but the alias target name does not lie within the target zone";
  }

  /** Inferred (§16–17): types that cannot be aliases (SOA, NS, DS, TLSA, SSHFP). */
  public static String aliasTypeNotAllowed(String name, RrType type) {
    return "RRSet of type " + type + " with DNS name " + name + " cannot be an alias";
  }

  /** Inferred (§21). */
  public static String cloudFrontInPrivateZone(String name, String zone) {
    return "RRSet with DNS name " + name + " cannot be an alias to a CloudFront distribution in private zone " + zone;
  }

  /** Inferred (§20): CloudFront targets cannot evaluate target health. */
  public static String cloudFrontEvaluateTargetHealth(String name) {
    return "RRSet with DNS name " + name + " cannot set EvaluateTargetHealth to true for a CloudFront alias target";
  }

  /** Inferred (§7): a primary failover alias with neither target health nor a health check could never fail over. */
  public static String failoverAliasNeedsHealth(String name) {
    return "RRSet with DNS name " + name
        + " is a PRIMARY failover alias and must set EvaluateTargetHealth to true or have a HealthCheckId";
  }

  /** Inferred (§13). */
  public static String multiValueAlias(String name) {
    return "RRSet with DNS name " + name + " cannot be a multivalue answer alias record";
  }

  /** Inferred (§13). */
  public static String multiValueType(String name, RrType type) {
    return "RRSet of type " + type + " with DNS name " + name + " cannot be a multivalue answer record";
  }

  /** Inferred (§13): one value per multivalue record. */
  public static String multiValueOneValue(String name) {
    return "RRSet with DNS name " + name + " is a multivalue answer record and must contain exactly one value";
  }

  /** Inferred (§11, §14, §41). */
  public static String policyNotInPrivateZone(ResourceRecordSet rrs, String zone) {
    return "RRSet with DNS name " + rrs.name() + ", type " + rrs.type() + " uses " + rrs.routing().label()
        + " routing, which is not permitted in private zone " + zone;
  }

  /** Inferred (§35). */
  public static String wildcardNs(String name) {
    return "RRSet of type NS with DNS name " + name + " is not permitted because wildcard NS records are not supported";
  }

  /** Inferred (§38). */
  public static String soaOutsideApex(String name, String zone) {
    return "RRSet of type SOA with DNS name " + name + " is not permitted because SOA records must be at the apex of zone " + zone;
  }

  /** AWS wording: the apex SOA cannot be created or deleted, only changed by UPSERT (§38). */
  public static String exactlyOneSoa() { return "A HostedZone must contain exactly one SOA record."; }

  /** AWS wording: the apex NS record cannot be deleted (§38). */
  public static String apexNsRequired() { return "A HostedZone must contain at least one NS record for the zone itself."; }

  /** Inferred: the apex SOA and NS are simple, non-alias records. */
  public static String apexRecordMustBeSimple(String name, RrType type) {
    return "RRSet of type " + type + " with DNS name " + name + " at the zone apex must be a simple, non-alias record";
  }
}
