package dev.stratus.route53;

import dev.stratus.core.AwsException;
import java.util.List;

/**
 * Route 53's errors with AWS's codes, HTTP statuses and texts. Texts come from AWS answers
 * where known (route53.md, public reports) and otherwise from the API reference's description
 * of the error; those marked "inferred" are Stratus's wording in AWS's style.
 */
public final class Route53Errors {
  private Route53Errors() {}

  /** An InvalidChangeBatch that also keeps the individual messages (AWS's {@code Messages} list). */
  public static final class InvalidChangeBatchException extends AwsException {
    private final List<String> messages;

    InvalidChangeBatchException(List<String> messages) {
      super("InvalidChangeBatch", 400, "[" + String.join(", ", messages) + "]");
      this.messages = List.copyOf(messages);
    }

    public List<String> messages() { return messages; }
  }

  /** A batch that failed validation; the message lists every problem as AWS does (§32). */
  public static InvalidChangeBatchException invalidChangeBatch(List<String> messages) {
    return new InvalidChangeBatchException(messages);
  }

  /** InvalidInput with free text, e.g. "Invalid request: …". */
  public static AwsException invalidInput(String message) {
    return new AwsException("InvalidInput", 400, message);
  }

  /** InvalidInput for a member breaking a modelled constraint, in AWS's validation wording. */
  public static AwsException constraint(Object value, String path, String constraint) {
    return invalidInput("1 validation error detected: Value '" + value + "' at '" + path
        + "' failed to satisfy constraint: " + constraint);
  }

  /** InvalidInput for a required member that is missing. */
  public static AwsException missing(String path) {
    return constraint("null", path, "Member must not be null");
  }

  public static AwsException noSuchHostedZone(String id) {
    return new AwsException("NoSuchHostedZone", 404, "No hosted zone found with ID: " + id);
  }

  /** Inferred wording of the API reference's description. */
  public static AwsException hostedZoneAlreadyExists(String name) {
    return new AwsException("HostedZoneAlreadyExists", 409,
        "A hosted zone has already been created with the specified caller reference for " + name);
  }

  /** AWS (route53.md §38). */
  public static AwsException hostedZoneNotEmpty() {
    return new AwsException("HostedZoneNotEmpty", 400,
        "The specified hosted zone contains non-required resource record sets and so cannot be deleted.");
  }

  public static AwsException invalidDomainName(String name) {
    return new AwsException("InvalidDomainName", 400, "The specified domain name is not valid: " + name);
  }

  /** The API reference's description. */
  public static AwsException tooManyHostedZones() {
    return new AwsException("TooManyHostedZones", 400, "This operation can't be completed either because the current"
        + " account has reached the limit on the number of hosted zones or because you've reached the limit on the"
        + " number of hosted zones that can be associated with a reusable delegation set.");
  }

  public static AwsException invalidVpcId(String message) {
    return new AwsException("InvalidVPCId", 400, message);
  }

  /** The API reference's description. */
  public static AwsException publicZoneVpcAssociation() {
    return new AwsException("PublicZoneVPCAssociation", 400,
        "You're trying to associate a VPC with a public hosted zone. Amazon Route 53 doesn't support associating a"
            + " VPC with a public hosted zone.");
  }

  /** The API reference's description. */
  public static AwsException lastVpcAssociation() {
    return new AwsException("LastVPCAssociation", 400, "The VPC that you're trying to disassociate from the private"
        + " hosted zone is the last VPC that is associated with the hosted zone. Amazon Route 53 doesn't support"
        + " disassociating the last VPC from a hosted zone.");
  }

  public static AwsException vpcAssociationNotFound(String vpcId, String zoneId) {
    return new AwsException("VPCAssociationNotFound", 404,
        "The specified VPC " + vpcId + " and hosted zone " + zoneId + " are not currently associated.");
  }

  /** Inferred: a VPC already associated with another private zone of the same name. */
  public static AwsException conflictingDomainExists(String name, String vpcId) {
    return new AwsException("ConflictingDomainExists", 400,
        "The VPC " + vpcId + " is already associated with another private hosted zone named " + name);
  }

  public static AwsException noSuchDelegationSet(String id) {
    return new AwsException("NoSuchDelegationSet", 400, "A reusable delegation set with the specified ID does not exist: " + id);
  }

  public static AwsException delegationSetAlreadyCreated() {
    return new AwsException("DelegationSetAlreadyCreated", 400,
        "A delegation set with the same owner and caller reference combination has already been created.");
  }

  public static AwsException delegationSetInUse(String id) {
    return new AwsException("DelegationSetInUse", 400,
        "The specified delegation set " + id + " contains associated hosted zones which must be deleted before the"
            + " reusable delegation set can be deleted.");
  }

  public static AwsException hostedZoneNotFound(String id) {
    return new AwsException("HostedZoneNotFound", 400, "The specified HostedZone can't be found: " + id);
  }

  /** AWS's text as seen in SDK answers (inferred for the exact id placement). */
  public static AwsException noSuchHealthCheck(String id) {
    return new AwsException("NoSuchHealthCheck", 404, "A health check with id " + id + " does not exist.");
  }

  /** Inferred wording of the API reference's description. */
  public static AwsException healthCheckAlreadyExists() {
    return new AwsException("HealthCheckAlreadyExists", 409,
        "A health check has already been created with the specified caller reference but a different configuration.");
  }

  /** Inferred: a CALCULATED check still lists the check as a child. */
  public static AwsException healthCheckInUse(String id, String parentId) {
    return new AwsException("HealthCheckInUse", 400,
        "Health check " + id + " is still referenced from parent health check " + parentId + ".");
  }

  /** The API reference's description. */
  public static AwsException healthCheckVersionMismatch() {
    return new AwsException("HealthCheckVersionMismatch", 409,
        "The value of HealthCheckVersion in the request doesn't match the value of HealthCheckVersion in the health"
            + " check.");
  }

  /** The API reference's description. */
  public static AwsException tooManyHealthChecks() {
    return new AwsException("TooManyHealthChecks", 400,
        "This health check can't be created because the current account has reached the limit on the number of"
            + " active health checks.");
  }

  public static AwsException noSuchChange(String id) {
    return new AwsException("NoSuchChange", 404, "A change with the specified change ID does not exist: " + id);
  }

  public static AwsException noSuchCidrCollection() {
    return new AwsException("NoSuchCidrCollectionException", 404, "The CIDR collection you specified, doesn't exist.");
  }

  public static AwsException cidrCollectionAlreadyExists(String name) {
    return new AwsException("CidrCollectionAlreadyExistsException", 400,
        "A CIDR collection with this name and a different caller reference already exists in this account: " + name);
  }

  public static AwsException cidrCollectionVersionMismatch() {
    return new AwsException("CidrCollectionVersionMismatchException", 409,
        "The CIDR collection version you provided, doesn't match the one in the ListCidrCollections operation.");
  }

  public static AwsException cidrCollectionInUse() {
    return new AwsException("CidrCollectionInUseException", 400,
        "This CIDR collection is in use, and isn't empty.");
  }

  public static AwsException cidrBlockInUse(String block, String location) {
    return new AwsException("CidrBlockInUseException", 400,
        "This CIDR block " + block + " of location " + location + " is already in use.");
  }

  public static AwsException noSuchCidrLocation(String location) {
    return new AwsException("NoSuchCidrLocationException", 404,
        "The CIDR collection location " + location + " doesn't match any location in a CIDR collection.");
  }

  /** The API reference's description. */
  public static AwsException limitsExceeded() {
    return new AwsException("LimitsExceeded", 400,
        "This operation can't be completed because the current account has reached the limit on the resource you"
            + " are trying to create.");
  }

  public static AwsException noSuchGeoLocation() {
    return new AwsException("NoSuchGeoLocation", 404,
        "Amazon Route 53 doesn't support the specified geographic location.");
  }

  public static AwsException invalidPaginationToken() {
    return new AwsException("InvalidPaginationToken", 400,
        "The value that you specified to get the second or subsequent page of results is invalid.");
  }

  public static AwsException invalidArgument(String message) {
    return new AwsException("InvalidArgument", 400, message);
  }

  public static AwsException noSuchResource(String type, String id) {
    return "healthcheck".equals(type) ? noSuchHealthCheck(id) : noSuchHostedZone(id);
  }
}
