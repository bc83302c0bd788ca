package dev.stratus.ec2;

import dev.stratus.core.AwsException;

/**
 * AWS's EC2 error codes and texts. Sources: the EC2 API reference's error-code table
 * (errors-overview.html) for codes and their casing; texts as AWS returns them where known from
 * CLI output, else as moto reproduces them (marked "moto"), else Stratus's wording in AWS's style
 * (marked "stratus").
 */
public final class Ec2Errors {
  private Ec2Errors() {}

  private static AwsException e(String code, String message) { return new AwsException(code, 400, message); }

  /**
   * Answers the violation a {@code …Rules} check returned, if any. The rules return AWS's error as a
   * value (the first rule broken, as AWS reports one error) so they stay pure and testable; the
   * handler decides to throw.
   */
  public static void throwIf(java.util.Optional<AwsException> violation) {
    if (violation.isPresent()) throw violation.get();
  }

  /** AWS: every DryRun request that would have succeeded. */
  /** Deleting or attaching an interface that is already attached (observed AWS text). */
  public static AwsException interfaceInUse(String networkInterfaceId) {
    return e("InvalidNetworkInterface.InUse", "Interface: [" + networkInterfaceId + "] in use.");
  }

  public static AwsException dryRun() {
    return new AwsException("DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set.");
  }

  /** AWS: a malformed id of any kind, e.g. InvalidVpcID.Malformed 'Invalid id: "vpc-prod-01"'. */
  public static AwsException malformed(String code, String id) {
    return e(code, "Invalid id: \"" + id + "\"");
  }

  /** AWS: "The vpc ID 'vpc-…' does not exist" and its siblings (noun as AWS spells it). */
  public static AwsException notFound(String code, String noun, String id) {
    return e(code, "The " + noun + " ID '" + id + "' does not exist");
  }

  /** AWS's transit gateway family: "Transit Gateway tgw-… was deleted or does not exist." */
  public static AwsException tgwNotFound(String code, String noun, String id) {
    return e(code, noun + " " + id + " was deleted or does not exist.");
  }

  /** AWS (moto): NatGatewayNotFound. */
  public static AwsException natGatewayNotFound(String id) {
    return e("NatGatewayNotFound", "NAT gateway " + id + " was not found");
  }

  /** AWS: InvalidGroup.NotFound for an id. */
  public static AwsException groupNotFound(String id) {
    return e("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
  }

  /** AWS: InvalidGroup.NotFound for a name in a VPC. */
  public static AwsException groupNameNotFound(String name, String vpcId) {
    return e("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in VPC '" + vpcId + "'");
  }

  /** AWS: InvalidParameterValue for a Describe* filter name the operation does not know. */
  public static AwsException invalidFilter(String name) {
    return e("InvalidParameterValue", "The filter '" + name + "' is invalid");
  }

  /** AWS: a malformed CIDR argument. */
  public static AwsException invalidCidr(String param, String value) {
    return e("InvalidParameterValue",
        "Value (" + value + ") for parameter " + param + " is invalid. This is not a valid CIDR block.");
  }

  /** AWS: a generic InvalidParameterValue with AWS's own sentence. */
  public static AwsException invalidParameterValue(String message) { return e("InvalidParameterValue", message); }

  /** AWS: InvalidParameterCombination. */
  public static AwsException invalidCombination(String message) { return e("InvalidParameterCombination", message); }

  /** AWS: InvalidParameter. */
  public static AwsException invalidParameter(String message) { return e("InvalidParameter", message); }

  /** AWS: MissingParameter "The request must contain the parameter X". */
  public static AwsException missing(String param) {
    return e("MissingParameter", "The request must contain the parameter " + param);
  }

  /** AWS (moto): InvalidVpc.Range "The CIDR '10.0.0.0/8' is invalid." (vpc.md §1). */
  public static AwsException vpcRange(String cidr) { return e("InvalidVpc.Range", "The CIDR '" + cidr + "' is invalid."); }

  /** AWS (stratus wording): a secondary block in a restricted or mixed RFC 1918 range (vpc.md §3). */
  public static AwsException vpcRestricted(String cidr) {
    return e("InvalidVpc.Range", "The CIDR '" + cidr + "' is restricted. Use a CIDR from the same private address"
        + " range as the current VPC CIDR, or use a publicly-routable CIDR.");
  }

  /** AWS code, Stratus wording: CidrConflict for a secondary block overlapping the VPC or a route (vpc.md §2). */
  public static AwsException cidrConflict(String cidr, String vpcId) {
    return e("CidrConflict", "The CIDR '" + cidr + "' conflicts with another CIDR or a route in VPC '" + vpcId + "'.");
  }

  /** AWS: CidrLimitExceeded (vpc.md §2 quota). */
  public static AwsException cidrLimit(String vpcId, int max) {
    return e("CidrLimitExceeded", "This network '" + vpcId + "' has met its maximum number of allowed CIDRs: " + max);
  }

  /** AWS (moto): InvalidSubnet.Range (vpc.md §5). */
  public static AwsException subnetRange(String cidr) { return e("InvalidSubnet.Range", "The CIDR '" + cidr + "' is invalid."); }

  /** AWS (moto): InvalidSubnet.Conflict (vpc.md §5). */
  public static AwsException subnetConflict(String cidr) {
    return e("InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
  }

  /** AWS: DependencyViolation on delete, e.g. "The vpc 'vpc-…' has dependencies and cannot be deleted." */
  public static AwsException dependencies(String noun, String id) {
    return e("DependencyViolation", "The " + noun + " '" + id + "' has dependencies and cannot be deleted.");
  }

  /** AWS: DependencyViolation "resource sg-… has a dependent object". */
  public static AwsException dependentObject(String id) {
    return e("DependencyViolation", "resource " + id + " has a dependent object");
  }

  /** AWS (CLI output; moto differs): Resource.AlreadyAssociated "resource igw-… is already attached to network vpc-…". */
  public static AwsException alreadyAttached(String resource, String vpcId) {
    return e("Resource.AlreadyAssociated", "resource " + resource + " is already attached to network " + vpcId);
  }

  /** AWS (CLI output; moto differs): Gateway.NotAttached "resource igw-… is not attached to network vpc-…". */
  public static AwsException notAttached(String resource, String vpcId) {
    return e("Gateway.NotAttached", "resource " + resource + " is not attached to network " + vpcId);
  }

  /** AWS (moto): RouteAlreadyExists (vpc.md §11). */
  public static AwsException routeExists(String destination) {
    return e("RouteAlreadyExists", "The route identified by " + destination + " already exists");
  }

  /** AWS (moto): InvalidRoute.NotFound (vpc.md §11). */
  public static AwsException routeNotFound(String routeTableId, String destination) {
    return e("InvalidRoute.NotFound",
        "no route with destination-cidr-block " + destination + " in route table " + routeTableId);
  }

  /** AWS: InvalidParameterValue when a gateway and a route table are in different VPCs. */
  public static AwsException differentNetworks(String routeTableId, String gatewayId) {
    return e("InvalidParameterValue",
        "route table " + routeTableId + " and network gateway " + gatewayId + " belong to different networks");
  }

  /** AWS (moto): InvalidPermission.Duplicate (vpc.md §17). */
  public static AwsException permissionDuplicate(String peer, String protocol, int from, int to) {
    return e("InvalidPermission.Duplicate", "the specified rule \"peer: " + peer + ", " + protocol.toUpperCase()
        + ", from port: " + from + ", to port: " + to + ", ALLOW\" already exists");
  }

  /** AWS (moto): InvalidPermission.NotFound (vpc.md §17). */
  public static AwsException permissionNotFound() {
    return e("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
  }

  /** AWS: InvalidGroup.Duplicate. */
  public static AwsException groupDuplicate(String name, String vpcId) {
    return e("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
  }

  /** AWS: CannotDelete for the default security group (vpc.md §16). */
  public static AwsException cannotDeleteDefaultGroup(String id) {
    return e("CannotDelete", "the specified group: \"" + id + "\" name: \"default\" cannot be deleted by a user");
  }

  /** AWS (moto): NetworkAclEntryAlreadyExists (vpc.md §19). */
  public static AwsException aclEntryExists(int ruleNumber) {
    return e("NetworkAclEntryAlreadyExists", "The network acl entry identified by " + ruleNumber + " already exists.");
  }

  /** AWS code, Stratus wording: InvalidNetworkAclEntry.NotFound. */
  public static AwsException aclEntryNotFound(String aclId, int ruleNumber, boolean egress) {
    return e("InvalidNetworkAclEntry.NotFound", "The specified network ACL entry (rule number " + ruleNumber + ", "
        + (egress ? "egress" : "ingress") + ") does not exist in network ACL " + aclId);
  }

  /** AWS (moto): InvalidAssociationID.NotFound. */
  public static AwsException associationNotFound(String id) {
    return e("InvalidAssociationID.NotFound", "Association ID '" + id + "' not found.");
  }

  /** AWS code, Stratus wording: InsufficientFreeAddressesInSubnet. */
  public static AwsException subnetFull(String subnetId) {
    return e("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '" + subnetId
        + "' to satisfy the requested number of instances.");
  }

  /** AWS code, Stratus wording: InvalidIPAddress.InUse. */
  public static AwsException addressInUse(String what) { return e("InvalidIPAddress.InUse", "Address " + what + " is in use."); }

  /** AWS code, text per call site: IncorrectState. */
  public static AwsException incorrectState(String message) { return e("IncorrectState", message); }

  /** AWS: IncorrectInstanceState. */
  public static AwsException incorrectInstanceState(String id, String state) {
    return e("IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be started.");
  }

  /** AWS: VPCIdNotSpecified when there is no default VPC to launch into. */
  public static AwsException noDefaultVpc() { return e("VPCIdNotSpecified", "No default VPC for this user"); }

  /** AWS (moto): InvalidStateTransition for a peering connection not pending acceptance. */
  public static AwsException peeringState(String id, String state) {
    return e("InvalidStateTransition", "VpcPeeringConnectionID " + id + " is not in the correct state for the request.");
  }

  /** AWS (moto): accepting a same-account peering request from the requester's region. */
  public static AwsException peeringWrongRegion(String region, String id, String accepterRegion) {
    return e("OperationNotPermitted", "Incorrect region (" + region + ") specified for this request. VPC peering"
        + " connection " + id + " must be accepted in region " + accepterRegion);
  }

  /** AWS (moto): ReplaceRoute for a destination the table has no route for. */
  public static AwsException noRouteToReplace(String destination) {
    return e("InvalidParameterValue", "There is no route defined for '" + destination
        + "' in the route table. Use CreateRoute instead.");
  }


  /** AWS: InvalidServiceName for VPC endpoints. */
  public static AwsException invalidServiceName(String name) {
    return e("InvalidServiceName", "The Vpc Endpoint Service '" + name + "' does not exist");
  }

  /** AWS code, text per call site: an operation Stratus knows it refuses (e.g. deleting a main route table). */
  public static AwsException operationNotPermitted(String message) { return e("OperationNotPermitted", message); }

  /** AWS code, Stratus wording: Resource.AlreadyAssociated for a subnet that already has an explicit route table. */
  public static AwsException alreadyAssociated(String resource, String with) {
    return e("Resource.AlreadyAssociated", "the specified association for route table " + with
        + " conflicts with an existing association for " + resource);
  }

  /** AWS: a quota reached, e.g. RulesPerSecurityGroupLimitExceeded, RouteLimitExceeded (vpc.md §12, §18, §22). */
  public static AwsException limitExceeded(String code, String message) { return e(code, message); }

  /**
   * AWS: InvalidParameterValue for a MaxResults below the operation's minimum, e.g. DescribeInstances
   * "Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5." (AWS says
   * "greater than" although the minimum itself is accepted).
   */
  public static AwsException maxResultsTooSmall(int value, int min) {
    return e("InvalidParameterValue", "Value ( " + value + " ) for parameter maxResults is invalid. Expecting a value"
        + " greater than " + min + ".");
  }

  /** AWS code, Stratus wording mirroring the minimum's sentence: a MaxResults above the operation's maximum. */
  public static AwsException maxResultsTooLarge(int value, int max) {
    return e("InvalidParameterValue", "Value ( " + value + " ) for parameter maxResults is invalid. Expecting a value"
        + " less than " + max + ".");
  }

  /**
   * AWS (DescribeVpcs, boto/boto3#2673): a NextToken this operation did not issue,
   * "Value ( … ) for parameter NextToken is invalid. The token is invalid."
   */
  public static AwsException invalidNextToken(String token) {
    return e("InvalidParameterValue", "Value ( " + token + " ) for parameter NextToken is invalid. The token is invalid.");
  }

  /**
   * AWS (DescribeInstances, quoted in getmoto/moto#6282): "The parameter instancesSet cannot be used with
   * the parameter maxResults"; other id lists by analogy (Stratus).
   */
  public static AwsException idsWithMaxResults(String idsParameter) {
    return invalidCombination("The parameter " + idsParameter + " cannot be used with the parameter maxResults");
  }
}
