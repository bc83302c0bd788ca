package dev.stratus.ec2.peering;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.routing.RouteStates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "VPC peering" (vpc.md §25–28). A connection is stored in the requester's
 * (account, region) scope and mirrored in the accepter's, so both sides describe, accept and
 * delete the same record; inter-region peering names the peer region.
 */
public final class VpcPeeringOperations {
  /** Pending requests expire after 7 days (vpc.md §25). */
  static final Duration PENDING_LIFETIME = Duration.ofDays(7);

  /**
   * Statuses in which AWS shows the accepter's CIDR blocks and peering options: until the accepter
   * accepts, it shows only the accepter's owner, VPC and Region (API_VpcPeeringConnectionVpcInfo).
   */
  private static final java.util.Set<String> ACCEPTED = java.util.Set.of("provisioning", "active", "deleting");

  static final Ec2Filters.Spec<VpcPeeringConnection> FILTERS =
      Ec2Filters.Spec.<VpcPeeringConnection>of(VpcPeeringConnection::id)
          .one("vpc-peering-connection-id", VpcPeeringConnection::id)
          .one("status-code", VpcPeeringConnection::status)
          .one("status-message", VpcPeeringConnection::message)
          .one("requester-vpc-info.vpc-id", p -> p.requester().vpcId())
          .one("requester-vpc-info.owner-id", p -> p.requester().ownerId())
          .many("requester-vpc-info.cidr-block", p -> p.requester().cidrs().stream().map(Cidr::toString).toList())
          .one("accepter-vpc-info.vpc-id", p -> p.accepter().vpcId())
          .one("accepter-vpc-info.owner-id", p -> p.accepter().ownerId())
          .many("accepter-vpc-info.cidr-block", p -> ACCEPTED.contains(p.status())
              ? p.accepter().cidrs().stream().map(Cidr::toString).toList() : List.of())
          .one("expiration-time", p -> p.expirationTime());

  private final Ec2Store store;

  public VpcPeeringOperations(Ec2Store store) { this.store = store; }

  public CreateVpcPeeringConnectionResponse createVpcPeeringConnection(RequestContext ctx,
      CreateVpcPeeringConnectionRequest req) {
    String scope = ctx.regionalScope();
    String peerOwner = req.peerOwnerId() == null ? ctx.accountId() : req.peerOwnerId();
    String peerRegion = req.peerRegion() == null ? ctx.region() : req.peerRegion();
    String peerScope = peerOwner + "/" + peerRegion;
    IdKind.VPC.checkShape(Ec2Store.param(req.peerVpcId(), "PeerVpcId"));
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, Ec2Store.param(req.vpcId(), "VpcId"));
      var peer = tx.get(Ec2Tables.VPC, peerScope, req.peerVpcId());
      if (peer.isEmpty() && peerScope.equals(scope)) throw IdKind.VPC.notFound(req.peerVpcId());
      Ec2Errors.throwIf(PeeringRules.create(vpc.id(), req.peerVpcId(), tx.list(Ec2Tables.PEERING, scope)));
      Ec2Store.dryRun(req.dryRun());
      var requester = new VpcPeeringConnection.Side(ctx.accountId(), vpc.id(), ctx.region(), v4(vpc));
      var accepter = new VpcPeeringConnection.Side(peerOwner, req.peerVpcId(), peerRegion,
          peer.map(VpcPeeringOperations::v4).orElse(List.of()));
      Optional<String> failure = PeeringRules.failure(vpc, req.peerVpcId(), peer);
      String status = failure.isPresent() ? "failed" : "pending-acceptance";
      String message = failure.orElse("Pending Acceptance by " + peerOwner);
      var pcx = new VpcPeeringConnection(IdKind.PEERING.next(), requester, accepter, status, message,
          status.equals("failed") ? null : ctx.receivedAt().plus(PENDING_LIFETIME));
      save(tx, pcx);
      Tags.apply(tx, scope, pcx.id(), "vpc-peering-connection", req.tagSpecifications());
      var shown = status.equals("failed") ? pcx : pcx.withStatus("initiating-request", "Initiating Request to " + peerOwner,
          accepter);
      return CreateVpcPeeringConnectionResponse.builder()
          .vpcPeeringConnection(shape(shown, Tags.of(tx, scope).apply(pcx.id()))).build();
    });
  }

  public AcceptVpcPeeringConnectionResponse acceptVpcPeeringConnection(RequestContext ctx,
      AcceptVpcPeeringConnectionRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      VpcPeeringConnection pcx = Ec2Store.require(tx, scope, IdKind.PEERING, Ec2Tables.PEERING,
          req.vpcPeeringConnectionId());
      Ec2Errors.throwIf(PeeringRules.accepter(ctx.accountId(), ctx.region(), pcx, "accept"));
      Ec2Errors.throwIf(PeeringRules.accept(pcx, ctx.receivedAt()));
      Ec2Store.dryRun(req.dryRun());
      Vpc accepterVpc = tx.get(Ec2Tables.VPC, scope, pcx.accepter().vpcId()).orElseThrow(() ->
          IdKind.VPC.notFound(pcx.accepter().vpcId()));
      var accepter = new VpcPeeringConnection.Side(pcx.accepter().ownerId(), accepterVpc.id(), ctx.region(), v4(accepterVpc));
      var active = pcx.withStatus("active", "Active", accepter);
      save(tx, active);
      return AcceptVpcPeeringConnectionResponse.builder()
          // AWS answers the accept while the connection provisions; describe shows it active
          .vpcPeeringConnection(shape(active.withStatus("provisioning", "Provisioning", accepter),
              Tags.of(tx, scope).apply(pcx.id()))).build();
    });
  }

  public RejectVpcPeeringConnectionResponse rejectVpcPeeringConnection(RequestContext ctx,
      RejectVpcPeeringConnectionRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      VpcPeeringConnection pcx = Ec2Store.require(tx, scope, IdKind.PEERING, Ec2Tables.PEERING,
          req.vpcPeeringConnectionId());
      Ec2Errors.throwIf(PeeringRules.accepter(ctx.accountId(), ctx.region(), pcx, "reject"));
      Ec2Errors.throwIf(PeeringRules.reject(pcx));
      Ec2Store.dryRun(req.dryRun());
      save(tx, pcx.withStatus("rejected", "Rejected by " + ctx.accountId(), pcx.accepter()));
      return RejectVpcPeeringConnectionResponse.builder().returnValue(true).build();
    });
  }

  public DeleteVpcPeeringConnectionResponse deleteVpcPeeringConnection(RequestContext ctx,
      DeleteVpcPeeringConnectionRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      VpcPeeringConnection pcx = Ec2Store.require(tx, scope, IdKind.PEERING, Ec2Tables.PEERING,
          req.vpcPeeringConnectionId());
      Ec2Errors.throwIf(PeeringRules.delete(pcx));
      Ec2Store.dryRun(req.dryRun());
      save(tx, pcx.withStatus("deleted", "Deleted by " + ctx.accountId(), pcx.accepter()));
      RouteStates.setState(tx, scopeOf(pcx.requester()), pcx.id(), RouteTable.State.BLACKHOLE);
      RouteStates.setState(tx, scopeOf(pcx.accepter()), pcx.id(), RouteTable.State.BLACKHOLE);
      return DeleteVpcPeeringConnectionResponse.builder().returnValue(true).build();
    });
  }

  public DescribeVpcPeeringConnectionsResponse describeVpcPeeringConnections(RequestContext ctx,
      DescribeVpcPeeringConnectionsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPC_PEERING_CONNECTIONS, req.maxResults(),
        req.nextToken(), req.vpcPeeringConnectionIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var all = Ec2Store.describe(view, scope, IdKind.PEERING, Ec2Tables.PEERING, req.vpcPeeringConnectionIds()).stream()
        .map(p -> expired(p, ctx)).toList();
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, FILTERS, tags), VpcPeeringConnection::id);
    return DescribeVpcPeeringConnectionsResponse.builder().vpcPeeringConnections(page.items().stream()
        .map(p -> shape(p, tags.apply(p.id()))).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  /** A request left pending past its expiration time shows as {@code expired} (vpc.md §25). */
  private static VpcPeeringConnection expired(VpcPeeringConnection p, RequestContext ctx) {
    return PeeringRules.expired(p, ctx.receivedAt()) ? p.withStatus("expired", "Expired", p.accepter()) : p;
  }

  /** Writes the connection to both sides' scopes. */
  private static void save(Transaction tx, VpcPeeringConnection pcx) {
    tx.put(Ec2Tables.PEERING, scopeOf(pcx.requester()), pcx.id(), pcx);
    tx.put(Ec2Tables.PEERING, scopeOf(pcx.accepter()), pcx.id(), pcx);
  }

  private static String scopeOf(VpcPeeringConnection.Side side) { return side.ownerId() + "/" + side.region(); }

  private static List<Cidr> v4(Vpc vpc) { return vpc.activeCidrs().stream().filter(Cidr::isIpv4).toList(); }

  private static software.amazon.awssdk.services.ec2.model.VpcPeeringConnection shape(VpcPeeringConnection p,
      Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.VpcPeeringConnection.builder().vpcPeeringConnectionId(p.id())
        .status(VpcPeeringConnectionStateReason.builder().code(p.status()).message(p.message()).build())
        .requesterVpcInfo(info(p.requester(), true)).accepterVpcInfo(info(p.accepter(), ACCEPTED.contains(p.status())))
        .expirationTime(p.expirationTime()).tags(Tags.sdk(tags)).build();
  }

  private static VpcPeeringConnectionVpcInfo info(VpcPeeringConnection.Side s, boolean known) {
    var b = VpcPeeringConnectionVpcInfo.builder().ownerId(s.ownerId()).vpcId(s.vpcId()).region(s.region());
    if (!known) return b.build();
    // Stratus has no ClassicLink and keeps no remote-DNS option: AWS's defaults, all false
    return b.cidrBlock(s.cidrs().isEmpty() ? null : s.cidrs().get(0).toString())
        .cidrBlockSet(s.cidrs().stream().map(c -> CidrBlock.builder().cidrBlock(c.toString()).build()).toList())
        .peeringOptions(o -> o.allowDnsResolutionFromRemoteVpc(false).allowEgressFromLocalClassicLinkToRemoteVpc(false)
            .allowEgressFromLocalVpcToRemoteClassicLink(false))
        .build();
  }
}
