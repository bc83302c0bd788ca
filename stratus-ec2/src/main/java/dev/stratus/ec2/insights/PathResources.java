package dev.stratus.ec2.insights;

import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Table;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.reachability.AnalysisComponent;
import java.util.List;

/**
 * The resources a Network Insights path may start or end at (vpc.md §44): instances, network
 * interfaces, internet gateways, transit gateways and their attachments, VPC endpoints, peering
 * connections, virtual private gateways and VPN connections, named by id or ARN. Each must exist
 * in the caller's Region: a path's source and destination are in one Region (vpc.md §43).
 */
final class PathResources {
  private record Kind(IdKind kind, Table<?> table) {}

  /** Longer prefixes first, so {@code tgw-attach-} wins over {@code tgw-}. */
  private static final List<Kind> KINDS = List.of(
      new Kind(IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT),
      new Kind(IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY),
      new Kind(IdKind.INSTANCE, Ec2Tables.INSTANCE),
      new Kind(IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE),
      new Kind(IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY),
      new Kind(IdKind.VPC_ENDPOINT, Ec2Tables.VPC_ENDPOINT),
      new Kind(IdKind.PEERING, Ec2Tables.PEERING),
      new Kind(IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY),
      new Kind(IdKind.VPN_CONNECTION, Ec2Tables.VPN_CONNECTION));

  private PathResources() {}

  /** A path end resolved: its id and ARN. */
  record Resolved(String id, String arn) {}

  /**
   * Resolves {@code idOrArn} given as {@code param} (Source or Destination) in the caller's
   * account and Region, or throws AWS's error: InvalidParameterValue for an ARN of another Region
   * or an unsupported resource type, the kind's malformed / not-found error otherwise.
   */
  static Resolved resolve(ReadView view, String account, String region, String param, String idOrArn) {
    String id = idOrArn;
    if (idOrArn.startsWith("arn:")) {
      String[] parts = idOrArn.split(":", 6);
      int slash = idOrArn.lastIndexOf('/');
      if (parts.length < 6 || !"ec2".equals(parts[2]) || slash < 0) {
        throw NetworkInsightsErrors.unsupportedResource(param, idOrArn);
      }
      if (!parts[3].equals(region)) throw NetworkInsightsErrors.otherRegion(param, idOrArn, region);
      id = idOrArn.substring(slash + 1);
    }
    String finalId = id;
    Kind kind = KINDS.stream().filter(k -> finalId.startsWith(k.kind().prefix)).findFirst()
        .orElseThrow(() -> NetworkInsightsErrors.unsupportedResource(param, idOrArn));
    Ec2Store.require(view, account + "/" + region, kind.kind(), kind.table(), id);
    return new Resolved(id, AnalysisShapes.arn(region, account, AnalysisComponent.of(id)));
  }
}
