package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.route53.model.DnsName;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.Route53Tables;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.route53.model.HostedZoneOwner;
import software.amazon.awssdk.services.route53.model.HostedZoneSummary;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByVpcRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByVpcResponse;

/**
 * ListHostedZonesByName (zones sorted by name with labels reversed, then id) and
 * ListHostedZonesByVPC (the private zones a VPC is associated with).
 */
public final class ZoneListingOperations {
  /** Largest page of either listing and its default. */
  public static final int MAX_PAGE = 100;

  private static final Comparator<HostedZone> BY_NAME =
      Comparator.comparing(HostedZone::name, DnsName.CANONICAL_ORDER).thenComparing(HostedZone::id);

  private final Route53State state;

  ZoneListingOperations(Route53State state) { this.state = state; }

  /**
   * Zones from {@code DNSName} (and {@code HostedZoneId} among zones of that name) onwards. A
   * {@code HostedZoneId} without {@code DNSName} is InvalidInput, as in AWS.
   */
  public ListHostedZonesByNameResponse listHostedZonesByName(RequestContext ctx, ListHostedZonesByNameRequest req) {
    int max = Route53Shapes.maxItems(req.maxItems(), MAX_PAGE, MAX_PAGE);
    if (req.hostedZoneId() != null && req.dnsName() == null) {
      throw Route53Errors.invalidInput("The DNSName must be specified when HostedZoneId is specified.");
    }
    var zones = state.store.list(Route53Tables.HOSTED_ZONES, ctx.globalScope()).stream().sorted(BY_NAME).toList();
    int start = 0;
    if (req.dnsName() != null) {
      String name = DnsName.normalize(req.dnsName());
      String id = Route53Shapes.zoneId(req.hostedZoneId());
      while (start < zones.size()) {
        var z = zones.get(start);
        int c = DnsName.CANONICAL_ORDER.compare(z.name(), name);
        if (c > 0 || (c == 0 && (id == null || z.id().compareTo(id) >= 0))) break;
        start++;
      }
    }
    var page = zones.subList(start, Math.min(zones.size(), start + max));
    boolean truncated = start + max < zones.size();
    var b = ListHostedZonesByNameResponse.builder()
        .hostedZones(page.stream().map(z -> Route53Shapes.toSdk(z, state.recordCount(state.store, z.id()))).toList())
        .dnsName(req.dnsName()).hostedZoneId(req.hostedZoneId()).maxItems(String.valueOf(max)).isTruncated(truncated);
    if (truncated) {
      var next = zones.get(start + max);
      b.nextDNSName(DnsName.toWire(next.name())).nextHostedZoneId(next.id());
    }
    return b.build();
  }

  /** Private zones associated with the VPC; {@code NextToken} is the index of the next zone. */
  public ListHostedZonesByVpcResponse listHostedZonesByVPC(RequestContext ctx, ListHostedZonesByVpcRequest req) {
    if (req.vpcId() == null) throw Route53Errors.missing("vPCId");
    if (req.vpcRegionAsString() == null) throw Route53Errors.missing("vPCRegion");
    int max = Route53Shapes.maxItems(req.maxItems(), MAX_PAGE, MAX_PAGE);
    var vpc = new HostedZone.Vpc(req.vpcId(), req.vpcRegionAsString());
    List<HostedZone> zones = state.store.list(Route53Tables.HOSTED_ZONES, ctx.globalScope()).stream()
        .filter(z -> z.vpcs().contains(vpc)).sorted(BY_NAME).toList();
    int start = token(req.nextToken(), zones.size());
    var page = zones.subList(start, Math.min(zones.size(), start + max));
    return ListHostedZonesByVpcResponse.builder()
        .hostedZoneSummaries(page.stream().map(z -> HostedZoneSummary.builder().hostedZoneId(z.id())
            .name(DnsName.toWire(z.name())).owner(HostedZoneOwner.builder().owningAccount(z.accountId()).build()).build())
            .toList())
        .maxItems(String.valueOf(max))
        .nextToken(start + max < zones.size() ? String.valueOf(start + max) : null)
        .build();
  }

  /** A page token of Stratus's listings: the decimal index of the next item. */
  static int token(String token, int size) {
    if (token == null || token.isEmpty()) return 0;
    try {
      int i = Integer.parseInt(token);
      if (i < 0 || i > size) throw Route53Errors.invalidPaginationToken();
      return i;
    } catch (NumberFormatException e) {
      throw Route53Errors.invalidPaginationToken();
    }
  }
}
