package dev.stratus.ec2.gateways;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.routing.RouteStates;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Internet gateways", including egress-only internet gateways (vpc.md §23). */
public final class InternetGatewayOperations {
  static final Ec2Filters.Spec<InternetGateway> FILTERS = Ec2Filters.Spec.<InternetGateway>of(InternetGateway::id)
      .one("internet-gateway-id", InternetGateway::id)
      .one("attachment.vpc-id", InternetGateway::attachedVpcId)
      .one("attachment.state", g -> g.attachedVpcId() == null ? null : "available");

  private final Ec2Store store;

  public InternetGatewayOperations(Ec2Store store) { this.store = store; }

  public CreateInternetGatewayResponse createInternetGateway(RequestContext ctx, CreateInternetGatewayRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      InternetGateway g = new InternetGateway(IdKind.INTERNET_GATEWAY.next(), false, null);
      tx.put(Ec2Tables.INTERNET_GATEWAY, scope, g.id(), g);
      Tags.apply(tx, scope, g.id(), "internet-gateway", req.tagSpecifications());
      return CreateInternetGatewayResponse.builder()
          .internetGateway(GatewayShapes.igw(g, ctx.accountId(), Tags.of(tx, scope).apply(g.id()))).build();
    });
  }

  public DescribeInternetGatewaysResponse describeInternetGateways(RequestContext ctx,
      DescribeInternetGatewaysRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_INTERNET_GATEWAYS, req.maxResults(), req.nextToken(),
        req.internetGatewayIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<InternetGateway> all = Ec2Store.describe(view, scope, IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY,
        req.internetGatewayIds()).stream().filter(g -> !g.egressOnly()).toList();
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, FILTERS.forAccount(ctx.accountId()), tags),
        InternetGateway::id);
    return DescribeInternetGatewaysResponse.builder().internetGateways(page.items().stream()
        .map(g -> GatewayShapes.igw(g, ctx.accountId(), tags.apply(g.id()))).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public AttachInternetGatewayResponse attachInternetGateway(RequestContext ctx, AttachInternetGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      InternetGateway g = Ec2Store.require(tx, scope, IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY,
          req.internetGatewayId());
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Errors.throwIf(GatewayRules.attachInternetGateway(g, vpc.id(), tx.list(Ec2Tables.INTERNET_GATEWAY, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.INTERNET_GATEWAY, scope, g.id(), g.attachedTo(vpc.id()));
      RouteStates.setState(tx, scope, g.id(), RouteTable.State.ACTIVE);
      return AttachInternetGatewayResponse.builder().build();
    });
  }

  public DetachInternetGatewayResponse detachInternetGateway(RequestContext ctx, DetachInternetGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      InternetGateway g = Ec2Store.require(tx, scope, IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY,
          req.internetGatewayId());
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Errors.throwIf(GatewayRules.detachInternetGateway(g, vpc.id(), tx.list(Ec2Tables.NETWORK_INTERFACE, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.INTERNET_GATEWAY, scope, g.id(), g.attachedTo(null));
      RouteStates.setState(tx, scope, g.id(), RouteTable.State.BLACKHOLE);
      return DetachInternetGatewayResponse.builder().build();
    });
  }

  public DeleteInternetGatewayResponse deleteInternetGateway(RequestContext ctx, DeleteInternetGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      InternetGateway g = Ec2Store.require(tx, scope, IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY,
          req.internetGatewayId());
      Ec2Errors.throwIf(GatewayRules.deleteInternetGateway(g));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.INTERNET_GATEWAY, scope, g.id());
      Tags.drop(tx, scope, g.id());
      return DeleteInternetGatewayResponse.builder().build();
    });
  }

  public CreateEgressOnlyInternetGatewayResponse createEgressOnlyInternetGateway(RequestContext ctx,
      CreateEgressOnlyInternetGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Store.dryRun(req.dryRun());
      InternetGateway g = new InternetGateway(IdKind.EGRESS_ONLY_INTERNET_GATEWAY.next(), true, vpc.id());
      tx.put(Ec2Tables.INTERNET_GATEWAY, scope, g.id(), g);
      Tags.apply(tx, scope, g.id(), "egress-only-internet-gateway", req.tagSpecifications());
      return CreateEgressOnlyInternetGatewayResponse.builder().clientToken(req.clientToken())
          .egressOnlyInternetGateway(GatewayShapes.eigw(g, Tags.of(tx, scope).apply(g.id()))).build();
    });
  }

  public DescribeEgressOnlyInternetGatewaysResponse describeEgressOnlyInternetGateways(RequestContext ctx,
      DescribeEgressOnlyInternetGatewaysRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS, req.maxResults(),
        req.nextToken(), req.egressOnlyInternetGatewayIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<InternetGateway> all = Ec2Store.describe(view, scope, IdKind.EGRESS_ONLY_INTERNET_GATEWAY,
        Ec2Tables.INTERNET_GATEWAY, req.egressOnlyInternetGatewayIds()).stream().filter(InternetGateway::egressOnly).toList();
    var spec = Ec2Filters.Spec.<InternetGateway>of(InternetGateway::id)
        .one("egress-only-internet-gateway-id", InternetGateway::id);
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, spec, tags), InternetGateway::id);
    return DescribeEgressOnlyInternetGatewaysResponse.builder().egressOnlyInternetGateways(page.items().stream()
        .map(g -> GatewayShapes.eigw(g, tags.apply(g.id()))).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteEgressOnlyInternetGatewayResponse deleteEgressOnlyInternetGateway(RequestContext ctx,
      DeleteEgressOnlyInternetGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      InternetGateway g = Ec2Store.require(tx, scope, IdKind.EGRESS_ONLY_INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY,
          req.egressOnlyInternetGatewayId());
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.INTERNET_GATEWAY, scope, g.id());
      Tags.drop(tx, scope, g.id());
      RouteStates.setState(tx, scope, g.id(), RouteTable.State.BLACKHOLE);
      return DeleteEgressOnlyInternetGatewayResponse.builder().returnCode(true).build();
    });
  }
}
