package dev.stratus.apigateway;

import dev.stratus.apigateway.model.VpcLink;
import dev.stratus.core.RequestContext;
import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.apigateway.model.CreateVpcLinkRequest;
import software.amazon.awssdk.services.apigateway.model.CreateVpcLinkResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteVpcLinkRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteVpcLinkResponse;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinkRequest;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinkResponse;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinksRequest;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinksResponse;

/**
 * VPC links: v1 to one Network Load Balancer (checked through core {@link LoadBalancers}), v2 by
 * subnets and security groups. PENDING, then AVAILABLE on the clock ({@link VpcLink#SETTLE}).
 */
public final class VpcLinkOperations {
  private final Store store;
  private final Clock clock;
  private final Supplier<Optional<LoadBalancers>> loadBalancers;

  public VpcLinkOperations(Store store, Clock clock, Supplier<Optional<LoadBalancers>> loadBalancers) {
    this.store = store;
    this.clock = clock;
    this.loadBalancers = loadBalancers;
  }

  static VpcLink load(ReadView view, RequestContext ctx, String id, String version) {
    return view.get(VpcLink.TABLE, ctx.regionalScope(), id == null ? "" : id).filter(l -> l.version().equals(version))
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid VPC link identifier specified"));
  }

  private VpcLink put(RequestContext ctx, VpcLink link) {
    store.write(tx -> {
      tx.put(VpcLink.TABLE, ctx.regionalScope(), link.id(), link);
      return null;
    });
    return link;
  }

  // ---- v1 -------------------------------------------------------------------------------------

  private software.amazon.awssdk.services.apigateway.model.VpcLink v1(VpcLink l) {
    String status = l.status(clock.instant());
    return software.amazon.awssdk.services.apigateway.model.VpcLink.builder().id(l.id()).name(l.name())
        .description(l.description()).targetArns(l.targetArns()).status(status)
        .statusMessage(status.equals("AVAILABLE") ? "Your vpc link is ready for use" : "VPC link is provisioning ENIs").build();
  }

  public CreateVpcLinkResponse createVpcLink(RequestContext ctx, CreateVpcLinkRequest req) {
    if (req.name() == null) throw ApiGatewayErrors.required("createVpcLinkInput", "name");
    if (!req.hasTargetArns() || req.targetArns().size() != 1) {
      throw ApiGatewayErrors.badRequest("Exactly one target ARN (a Network Load Balancer) must be specified");
    }
    String arn = req.targetArns().getFirst();
    LoadBalancerView lb = loadBalancers.get().flatMap(l -> l.find(arn))
        .orElseThrow(() -> ApiGatewayErrors.badRequest("Invalid load balancer ARN specified: " + arn));
    if (!lb.type().equals("network")) {
      throw ApiGatewayErrors.badRequest("The load balancer " + arn + " is not a Network Load Balancer");
    }
    var s = v1(put(ctx, new VpcLink(ApiIds.next(6), ctx.accountId(), ctx.region(), "V1", req.name(), req.description(),
        req.targetArns(), null, null, clock.instant())));
    return CreateVpcLinkResponse.builder().id(s.id()).name(s.name()).description(s.description()).targetArns(s.targetArns())
        .status(s.status()).statusMessage(s.statusMessage()).build();
  }

  public GetVpcLinkResponse getVpcLink(RequestContext ctx, GetVpcLinkRequest req) {
    var s = v1(load(store, ctx, req.vpcLinkId(), "V1"));
    return GetVpcLinkResponse.builder().id(s.id()).name(s.name()).description(s.description()).targetArns(s.targetArns())
        .status(s.status()).statusMessage(s.statusMessage()).build();
  }

  public GetVpcLinksResponse getVpcLinks(RequestContext ctx, GetVpcLinksRequest req) {
    return GetVpcLinksResponse.builder().items(store.list(VpcLink.TABLE, ctx.regionalScope()).stream()
        .filter(l -> l.version().equals("V1")).map(this::v1).toList()).build();
  }

  public DeleteVpcLinkResponse deleteVpcLink(RequestContext ctx, DeleteVpcLinkRequest req) {
    store.write(tx -> {
      load(tx, ctx, req.vpcLinkId(), "V1");
      tx.delete(VpcLink.TABLE, ctx.regionalScope(), req.vpcLinkId());
      return null;
    });
    return DeleteVpcLinkResponse.builder().build();
  }

  // ---- v2 -------------------------------------------------------------------------------------

  private software.amazon.awssdk.services.apigatewayv2.model.VpcLink v2(VpcLink l) {
    String status = l.status(clock.instant());
    return software.amazon.awssdk.services.apigatewayv2.model.VpcLink.builder().vpcLinkId(l.id()).name(l.name())
        .subnetIds(l.subnetIds()).securityGroupIds(l.securityGroupIds()).createdDate(l.createdDate())
        .vpcLinkStatus(status).vpcLinkVersion("V2")
        .vpcLinkStatusMessage(status.equals("AVAILABLE") ? "VPC link is ready to route traffic" : "VPC link is provisioning ENIs")
        .build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.CreateVpcLinkResponse createVpcLink(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.CreateVpcLinkRequest req) {
    if (req.name() == null) throw ApiGatewayErrors.badRequest("Name is required");
    if (!req.hasSubnetIds() || req.subnetIds().isEmpty()) throw ApiGatewayErrors.badRequest("SubnetIds are required");
    var s = v2(put(ctx, new VpcLink(ApiIds.next(6), ctx.accountId(), ctx.region(), "V2", req.name(), null, List.of(),
        req.subnetIds(), req.securityGroupIds(), clock.instant())));
    store.write(tx -> {
      ApiGatewayTags.put(tx, ctx, v2TagPath(s.vpcLinkId()), req.tags());
      return null;
    });
    return software.amazon.awssdk.services.apigatewayv2.model.CreateVpcLinkResponse.builder().vpcLinkId(s.vpcLinkId())
        .name(s.name()).subnetIds(s.subnetIds()).securityGroupIds(s.securityGroupIds()).createdDate(s.createdDate())
        .vpcLinkStatus(s.vpcLinkStatus()).vpcLinkStatusMessage(s.vpcLinkStatusMessage()).vpcLinkVersion(s.vpcLinkVersion())
        .tags(ApiGatewayTags.of(store, ctx, v2TagPath(s.vpcLinkId()))).build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinkResponse getVpcLink(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinkRequest req) {
    var s = v2(load(store, ctx, req.vpcLinkId(), "V2"));
    return software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinkResponse.builder().vpcLinkId(s.vpcLinkId())
        .name(s.name()).subnetIds(s.subnetIds()).securityGroupIds(s.securityGroupIds()).createdDate(s.createdDate())
        .vpcLinkStatus(s.vpcLinkStatus()).vpcLinkStatusMessage(s.vpcLinkStatusMessage()).vpcLinkVersion(s.vpcLinkVersion())
        .tags(ApiGatewayTags.of(store, ctx, v2TagPath(s.vpcLinkId()))).build();
  }

  /** A v2 VPC link's tags' key: its ARN's path; AWS answers Tags ({} for none) on every v2 VPC link. */
  private static String v2TagPath(String vpcLinkId) { return "/vpclinks/" + vpcLinkId; }

  public software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinksResponse getVpcLinks(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinksRequest req) {
    return software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinksResponse.builder()
        .items(store.list(VpcLink.TABLE, ctx.regionalScope()).stream().filter(l -> l.version().equals("V2"))
            .map(l -> v2(l).toBuilder().tags(ApiGatewayTags.of(store, ctx, v2TagPath(l.id()))).build()).toList())
        .build();
  }

  public software.amazon.awssdk.services.apigatewayv2.model.DeleteVpcLinkResponse deleteVpcLink(RequestContext ctx,
      software.amazon.awssdk.services.apigatewayv2.model.DeleteVpcLinkRequest req) {
    store.write(tx -> {
      load(tx, ctx, req.vpcLinkId(), "V2");
      tx.delete(VpcLink.TABLE, ctx.regionalScope(), req.vpcLinkId());
      ApiGatewayTags.drop(tx, ctx, v2TagPath(req.vpcLinkId()));
      return null;
    });
    return software.amazon.awssdk.services.apigatewayv2.model.DeleteVpcLinkResponse.builder().build();
  }
}
