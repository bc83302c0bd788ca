package dev.stratus.ec2.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A transit gateway: a regional router with its options (vpc.md §29–30).
 *
 * @param associationDefaultRouteTableId null when default association is disabled
 * @param propagationDefaultRouteTableId null when default propagation is disabled
 */
public record TransitGateway(String id, String description, String state, Instant creationTime, Options options,
    String associationDefaultRouteTableId, String propagationDefaultRouteTableId) {

  public TransitGateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(options, "options");
  }

  /**
   * TransitGatewayRequestOptions with AWS's defaults (vpc.md §30); values are AWS's
   * {@code enable}/{@code disable} strings.
   */
  public record Options(long amazonSideAsn, String autoAcceptSharedAttachments, String defaultRouteTableAssociation,
      String defaultRouteTablePropagation, String vpnEcmpSupport, String dnsSupport,
      String securityGroupReferencingSupport, String multicastSupport) {
    /** Default Amazon side ASN: 64512. */
    public static final long DEFAULT_ASN = 64512;

    public static Options defaults() {
      return new Options(DEFAULT_ASN, "disable", "enable", "enable", "enable", "enable", "disable", "disable");
    }
  }

  /** Whether new attachments are associated with the default route table ({@code enable}). */
  public boolean associatesByDefault() { return "enable".equals(options.defaultRouteTableAssociation()); }

  /** Whether new attachments propagate to the default route table ({@code enable}). */
  public boolean propagatesByDefault() { return "enable".equals(options.defaultRouteTablePropagation()); }

  /** Whether security group references work across the transit gateway (vpc.md §35). */
  public boolean referencesSecurityGroups() { return "enable".equals(options.securityGroupReferencingSupport()); }

  public TransitGateway withState(String newState) {
    return new TransitGateway(id, description, newState, creationTime, options, associationDefaultRouteTableId,
        propagationDefaultRouteTableId);
  }
}
