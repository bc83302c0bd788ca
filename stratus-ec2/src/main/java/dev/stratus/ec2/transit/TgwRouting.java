package dev.stratus.ec2.transit;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import java.util.List;

/**
 * Transit gateway route bookkeeping: what an attachment propagates (a VPC's CIDRs, a static VPN's
 * routes; peering attachments propagate nothing, vpc.md §34) and keeping tables in step when
 * attachments come and go (the rows themselves: {@link TgwRouteTables}).
 */
public final class TgwRouting {
  private TgwRouting() {}

  /** The prefixes an attachment propagates. */
  static List<Cidr> propagatedCidrs(ReadView view, String scope, TransitGatewayAttachment a) {
    return switch (a.resourceType()) {
      case VPC -> view.get(Ec2Tables.VPC, scope, a.resourceId())
          .map(v -> v.activeCidrs().stream().filter(Cidr::isIpv4).toList()).orElse(List.of());
      case VPN -> view.get(Ec2Tables.VPN_CONNECTION, scope, a.resourceId())
          .map(v -> v.staticRoutes()).orElse(List.of());
      default -> List.of();
    };
  }

  /** An attachment is gone: drop its propagations and propagated routes; blackhole its static routes. */
  public static void detach(Transaction tx, String scope, String attachmentId) {
    TgwRouteTables.detach(tx, scope, attachmentId);
  }

  /** The description AWS gives the interfaces of a VPC attachment. */
  static String eniDescription(String attachmentId) {
    return "Network Interface for Transit Gateway Attachment " + attachmentId;
  }

  /** Deletes the interfaces a VPC attachment holds in its subnets. */
  static void deleteInterfaces(Transaction tx, String scope, String attachmentId) {
    tx.list(Ec2Tables.NETWORK_INTERFACE, scope).stream()
        .filter(e -> e.interfaceType().equals("transit_gateway") && e.description().equals(eniDescription(attachmentId)))
        .forEach(e -> tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, e.id()));
  }
}
