package dev.stratus.ec2.endpoints;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.EndpointConnection;
import dev.stratus.ec2.model.VpcEndpointService;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "VPC endpoint services", provider side (vpc.md §40): your own PrivateLink service
 * fronted by Network (or Gateway) Load Balancer ARNs, whose consumer connections may need acceptance.
 * The load balancers are not looked up in ELB (another service); their ARNs must be well formed.
 */
public final class EndpointServiceOperations {
  private final Ec2Store store;

  public EndpointServiceOperations(Ec2Store store) { this.store = store; }

  public CreateVpcEndpointServiceConfigurationResponse createVpcEndpointServiceConfiguration(RequestContext ctx,
      CreateVpcEndpointServiceConfigurationRequest req) {
    String scope = ctx.regionalScope();
    List<String> nlbs = req.networkLoadBalancerArns(), gwlbs = req.gatewayLoadBalancerArns();
    Ec2Errors.throwIf(EndpointRules.serviceConfiguration(nlbs, gwlbs));
    Ec2Store.dryRun(req.dryRun());
    return store.write(ctx, tx -> {
      String id = IdKind.VPC_ENDPOINT_SERVICE.next();
      var svc = new VpcEndpointService(id, scope, "com.amazonaws.vpce." + ctx.region() + "." + id,
          nlbs.isEmpty() ? "GatewayLoadBalancer" : "Interface", !Boolean.FALSE.equals(req.acceptanceRequired()),
          nlbs, gwlbs, "Available");
      tx.put(Ec2Tables.VPC_ENDPOINT_SERVICE, scope, id, svc);
      Tags.apply(tx, scope, id, "vpc-endpoint-service", req.tagSpecifications());
      return CreateVpcEndpointServiceConfigurationResponse.builder().clientToken(req.clientToken())
          .serviceConfiguration(shape(svc, ctx.region())).build();
    });
  }

  public DescribeVpcEndpointServiceConfigurationsResponse describeVpcEndpointServiceConfigurations(RequestContext ctx,
      DescribeVpcEndpointServiceConfigurationsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    var all = Ec2Store.describe(store.read(ctx), scope, IdKind.VPC_ENDPOINT_SERVICE, Ec2Tables.VPC_ENDPOINT_SERVICE,
        req.serviceIds());
    var page = cursor.page(all, VpcEndpointService::id);
    return DescribeVpcEndpointServiceConfigurationsResponse.builder()
        .serviceConfigurations(page.items().stream().map(s -> shape(s, ctx.region())).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteVpcEndpointServiceConfigurationsResponse deleteVpcEndpointServiceConfigurations(RequestContext ctx,
      DeleteVpcEndpointServiceConfigurationsRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      List<UnsuccessfulItem> failed = new ArrayList<>();
      for (String id : req.serviceIds()) {
        var refused = EndpointRules.deleteService(id, tx.get(Ec2Tables.VPC_ENDPOINT_SERVICE, scope, id).isPresent(),
            tx.list(Ec2Tables.ENDPOINT_CONNECTION, scope));
        if (refused.isPresent()) {
          var err = refused.get();
          failed.add(UnsuccessfulItem.builder().resourceId(id).error(UnsuccessfulItemError.builder().code(err.code())
              .message(err.getMessage()).build()).build());
          continue;
        }
        tx.delete(Ec2Tables.VPC_ENDPOINT_SERVICE, scope, id);
      }
      return DeleteVpcEndpointServiceConfigurationsResponse.builder().unsuccessful(failed).build();
    });
  }

  public AcceptVpcEndpointConnectionsResponse acceptVpcEndpointConnections(RequestContext ctx,
      AcceptVpcEndpointConnectionsRequest req) {
    return AcceptVpcEndpointConnectionsResponse.builder()
        .unsuccessful(answer(ctx, req.serviceId(), req.vpcEndpointIds(), "available")).build();
  }

  public RejectVpcEndpointConnectionsResponse rejectVpcEndpointConnections(RequestContext ctx,
      RejectVpcEndpointConnectionsRequest req) {
    return RejectVpcEndpointConnectionsResponse.builder()
        .unsuccessful(answer(ctx, req.serviceId(), req.vpcEndpointIds(), "rejected")).build();
  }

  public DescribeVpcEndpointConnectionsResponse describeVpcEndpointConnections(RequestContext ctx,
      DescribeVpcEndpointConnectionsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPC_ENDPOINT_CONNECTIONS, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    ReadView view = store.read(ctx);
    var page = cursor.page(view.list(Ec2Tables.ENDPOINT_CONNECTION, ctx.regionalScope()),
        c -> c.serviceId() + "\u0000" + c.vpcEndpointId());
    return DescribeVpcEndpointConnectionsResponse.builder().nextToken(page.nextTokenOrNull()).vpcEndpointConnections(
        page.items().stream().map(c -> VpcEndpointConnection.builder()
            .serviceId(c.serviceId()).vpcEndpointId(c.vpcEndpointId()).vpcEndpointOwner(c.consumerOwnerId())
            .vpcEndpointState(c.state()).creationTimestamp(c.creationTimestamp()).build()).toList()).build();
  }

  /** Moves pending connections of the caller's service to {@code state}, on both sides. */
  private List<UnsuccessfulItem> answer(RequestContext ctx, String serviceId, List<String> endpointIds, String state) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Ec2Store.require(tx, scope, IdKind.VPC_ENDPOINT_SERVICE, Ec2Tables.VPC_ENDPOINT_SERVICE, serviceId);
      List<UnsuccessfulItem> failed = new ArrayList<>();
      for (String id : endpointIds) {
        var conn = tx.get(Ec2Tables.ENDPOINT_CONNECTION, scope, id).filter(c -> c.serviceId().equals(serviceId));
        var refused = EndpointRules.answerConnection(id, conn);
        if (refused.isPresent()) {
          failed.add(UnsuccessfulItem.builder().resourceId(id).error(UnsuccessfulItemError.builder()
              .code(refused.get().code()).message(refused.get().getMessage()).build()).build());
          continue;
        }
        EndpointConnection c = conn.get();
        tx.put(Ec2Tables.ENDPOINT_CONNECTION, scope, id, c.withState(state));
        tx.get(Ec2Tables.VPC_ENDPOINT, c.consumerScope(), id)
            .ifPresent(e -> tx.put(Ec2Tables.VPC_ENDPOINT, c.consumerScope(), id, e.withState(state)));
      }
      return failed;
    });
  }

  private static ServiceConfiguration shape(VpcEndpointService s, String region) {
    return ServiceConfiguration.builder().serviceId(s.id()).serviceName(s.serviceName()).serviceState(s.state())
        .serviceType(ServiceTypeDetail.builder().serviceType(s.serviceType()).build())
        .acceptanceRequired(s.acceptanceRequired()).networkLoadBalancerArns(s.networkLoadBalancerArns())
        .gatewayLoadBalancerArns(s.gatewayLoadBalancerArns()).managesVpcEndpoints(false)
        .availabilityZones(dev.stratus.ec2.model.RegionCatalog.zones(region).stream()
            .map(dev.stratus.ec2.model.RegionCatalog.Zone::name).toList())
        .baseEndpointDnsNames(s.id() + "." + region + ".vpce.amazonaws.com").build();
  }
}
