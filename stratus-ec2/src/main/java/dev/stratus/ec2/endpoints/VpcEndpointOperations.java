package dev.stratus.ec2.endpoints;

import dev.stratus.core.RequestContext;
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
import dev.stratus.ec2.interfaces.Interfaces;
import dev.stratus.ec2.model.AwsServices;
import dev.stratus.ec2.model.EndpointConnection;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcEndpointService;
import dev.stratus.ec2.routing.RouteStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "VPC endpoints", consumer side (vpc.md §37–40): Gateway endpoints add a
 * prefix-list route to each chosen route table; Interface endpoints get one requester-managed ENI
 * per subnet with security groups and, when the VPC allows it, private DNS.
 */
public final class VpcEndpointOperations {
  static final Ec2Filters.Spec<VpcEndpoint> FILTERS = Ec2Filters.Spec.<VpcEndpoint>of(VpcEndpoint::id)
      .one("vpc-endpoint-id", VpcEndpoint::id).one("vpc-id", VpcEndpoint::vpcId)
      .one("service-name", VpcEndpoint::serviceName).one("vpc-endpoint-state", VpcEndpoint::state)
      .one("vpc-endpoint-type", VpcEndpoint::type)
      .path("ip-address-type", "IpAddressType");

  private final Ec2Store store;

  public VpcEndpointOperations(Ec2Store store) { this.store = store; }

  public CreateVpcEndpointResponse createVpcEndpoint(RequestContext ctx, CreateVpcEndpointRequest req) {
    String scope = ctx.regionalScope();
    String type = req.vpcEndpointTypeAsString() == null ? "Gateway" : req.vpcEndpointTypeAsString();
    String serviceName = Ec2Store.param(req.serviceName(), "ServiceName");
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Optional<AwsServices.Service> aws = AwsServices.byName(ctx.region(), serviceName);
      Optional<VpcEndpointService> custom = aws.isPresent() ? Optional.empty()
          : tx.listAll(Ec2Tables.VPC_ENDPOINT_SERVICE).stream().filter(s -> s.serviceName().equals(serviceName)).findFirst();
      List<String> types = aws.map(AwsServices.Service::types).or(() -> custom.map(s -> List.of(s.serviceType())))
          .orElseThrow(() -> Ec2Errors.invalidServiceName(serviceName));
      Ec2Errors.throwIf(EndpointRules.endpointType(type, types));
      req.routeTableIds().forEach(IdKind.ROUTE_TABLE::checkShape);
      req.subnetIds().forEach(IdKind.SUBNET::checkShape);
      req.securityGroupIds().forEach(IdKind.SECURITY_GROUP::checkShape);
      String id = IdKind.VPC_ENDPOINT.next();
      VpcEndpoint ep = switch (type) {
        case "Gateway" -> gateway(tx, scope, ctx, id, vpc, serviceName, req);
        default -> iface(tx, scope, ctx, id, vpc, serviceName, aws.orElse(null), custom.orElse(null), req);
      };
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPC_ENDPOINT, scope, id, ep);
      Tags.apply(tx, scope, id, "vpc-endpoint", req.tagSpecifications());
      return CreateVpcEndpointResponse.builder().clientToken(req.clientToken())
          .vpcEndpoint(EndpointShapes.endpoint(ep, ctx.accountId(), Tags.of(tx, scope).apply(id), groupNames(tx, scope))
              // an interface or load balancer endpoint answers pending while its interfaces come up, as AWS's does
              .toBuilder().state(ep.type().equals("Gateway") || !ep.state().equals("available") ? ep.state() : "pending")
              .build()).build();
    });
  }

  private static VpcEndpoint gateway(Transaction tx, String scope, RequestContext ctx, String id, Vpc vpc,
      String serviceName, CreateVpcEndpointRequest req) {
    String pl = AwsServices.prefixListFor(ctx.region(), serviceName).orElseThrow().id();
    for (String rtbId : req.routeTableIds()) {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, rtbId);
      Ec2Errors.throwIf(EndpointRules.gatewayRouteTable(t, vpc.id(), id));
      addPrefixListRoute(tx, scope, t, pl, id);
    }
    return new VpcEndpoint(id, "Gateway", vpc.id(), serviceName, "available", req.routeTableIds(), List.of(), List.of(),
        List.of(), false, List.of(), policy(req.policyDocument()), ctx.receivedAt());
  }

  private static VpcEndpoint iface(Transaction tx, String scope, RequestContext ctx, String id, Vpc vpc,
      String serviceName, AwsServices.Service aws, VpcEndpointService custom, CreateVpcEndpointRequest req) {
    boolean privateDns = req.privateDnsEnabled() != null ? req.privateDnsEnabled() : aws != null;
    Ec2Errors.throwIf(EndpointRules.privateDns(privateDns, vpc));
    List<String> groups = new ArrayList<>(req.securityGroupIds());
    for (String g : groups) Ec2Store.require(tx, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, g);
    if (groups.isEmpty()) groups.add(vpc.defaultSecurityGroupId());
    List<String> zones = new ArrayList<>(), enis = new ArrayList<>();
    for (String s : req.subnetIds()) {
      Subnet subnet = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, s);
      Ec2Errors.throwIf(EndpointRules.interfaceSubnet(vpc.id(), subnet, zones));
      zones.add(subnet.availabilityZone());
      NetworkInterface eni = Interfaces.create(tx, scope, subnet, null, groups, "vpc_endpoint",
          "VPC Endpoint Interface " + id, true);
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni.withAttachment(null, "in-use")
          .withRequesterId(Interfaces.VPC_ENDPOINT_REQUESTER));
      enis.add(eni.id());
    }
    String host = aws != null ? aws.shortName() : custom.id();
    List<String> dns = new ArrayList<>();
    dns.add(id + "." + host + "." + ctx.region() + ".vpce.amazonaws.com");
    zones.forEach(z -> dns.add(id + "-" + z + "." + host + "." + ctx.region() + ".vpce.amazonaws.com"));
    if (privateDns && aws != null) dns.add(aws.privateDnsName(ctx.region()));
    String state = "available";
    if (custom != null) {
      state = custom.acceptanceRequired() ? "pendingAcceptance" : "available";
      tx.put(Ec2Tables.ENDPOINT_CONNECTION, custom.ownerScope(), id, new EndpointConnection(id, custom.id(), scope,
          ctx.accountId(), state, ctx.receivedAt()));
    }
    return new VpcEndpoint(id, "Interface", vpc.id(), serviceName, state, List.of(), req.subnetIds(), groups, enis,
        privateDns, dns, policy(req.policyDocument()), ctx.receivedAt());
  }

  public DescribeVpcEndpointsResponse describeVpcEndpoints(RequestContext ctx, DescribeVpcEndpointsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPC_ENDPOINTS, req.maxResults(), req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var all = Ec2Store.describe(view, scope, IdKind.VPC_ENDPOINT, Ec2Tables.VPC_ENDPOINT, req.vpcEndpointIds());
    var page = cursor.page(Ec2Filters.apply(req.filters(), all,
        FILTERS.withShape(e -> EndpointShapes.endpoint(e, ctx.accountId(), tags.apply(e.id()), groupNames(view, scope))), tags), VpcEndpoint::id);
    return DescribeVpcEndpointsResponse.builder().vpcEndpoints(page.items().stream()
        .map(e -> EndpointShapes.endpoint(e, ctx.accountId(), tags.apply(e.id()), groupNames(view, scope))).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  private static Function<String, String> groupNames(ReadView view, String scope) {
    return id -> view.get(Ec2Tables.SECURITY_GROUP, scope, id).map(dev.stratus.ec2.model.SecurityGroup::name).orElse(null);
  }

  public ModifyVpcEndpointResponse modifyVpcEndpoint(RequestContext ctx, ModifyVpcEndpointRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      VpcEndpoint ep = Ec2Store.require(tx, scope, IdKind.VPC_ENDPOINT, Ec2Tables.VPC_ENDPOINT, req.vpcEndpointId());
      List<String> tables = new ArrayList<>(ep.routeTableIds());
      if (ep.type().equals("Gateway")) {
        String pl = AwsServices.prefixListFor(ctx.region(), ep.serviceName()).orElseThrow().id();
        for (String rtbId : req.addRouteTableIds()) {
          RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, rtbId);
          addPrefixListRoute(tx, scope, t, pl, ep.id());
          tables.add(rtbId);
        }
        for (String rtbId : req.removeRouteTableIds()) {
          RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, rtbId);
          tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(t.routes().stream()
              .filter(r -> !r.target().id().equals(ep.id())).toList()));
          tables.remove(rtbId);
        }
      }
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPC_ENDPOINT, scope, ep.id(), ep.withRouteTables(tables));
      return ModifyVpcEndpointResponse.builder().returnValue(true).build();
    });
  }

  public DeleteVpcEndpointsResponse deleteVpcEndpoints(RequestContext ctx, DeleteVpcEndpointsRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      List<UnsuccessfulItem> failed = new ArrayList<>();
      Ec2Store.dryRun(req.dryRun());
      for (String id : req.vpcEndpointIds()) {
        Optional<VpcEndpoint> ep = Ec2IdShape.ok(id, IdKind.VPC_ENDPOINT) ? tx.get(Ec2Tables.VPC_ENDPOINT, scope, id)
            : Optional.empty();
        if (ep.isEmpty()) {
          var err = IdKind.VPC_ENDPOINT.notFound(id);
          failed.add(UnsuccessfulItem.builder().resourceId(id).error(UnsuccessfulItemError.builder()
              .code(err.code()).message(err.getMessage()).build()).build());
          continue;
        }
        RouteStates.remove(tx, scope, id);
        ep.get().networkInterfaceIds().forEach(e -> tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, e));
        tx.delete(Ec2Tables.VPC_ENDPOINT, scope, id);
        Tags.drop(tx, scope, id);
      }
      return DeleteVpcEndpointsResponse.builder().unsuccessful(failed).build();
    });
  }

  public DescribeVpcEndpointServicesResponse describeVpcEndpointServices(RequestContext ctx,
      DescribeVpcEndpointServicesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_VPC_ENDPOINT_SERVICES, req.maxResults(), req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    List<ServiceDetail> details = new ArrayList<>();
    for (AwsServices.Service s : AwsServices.SERVICES) details.addAll(EndpointShapes.awsService(s, ctx.region()));
    for (VpcEndpointService s : store.read(ctx).listAll(Ec2Tables.VPC_ENDPOINT_SERVICE)) {
      if (s.ownerScope().endsWith("/" + ctx.region())) details.add(EndpointShapes.customService(s, ctx.region()));
    }
    for (String name : req.serviceNames()) {
      if (details.stream().noneMatch(d -> d.serviceName().equals(name))) throw Ec2Errors.invalidServiceName(name);
    }
    var spec = Ec2Filters.Spec.<ServiceDetail>of(ServiceDetail::serviceId).one("service-name", ServiceDetail::serviceName)
        .many("service-type", d -> d.serviceType().stream().map(t -> t.serviceTypeAsString()).toList())
        .path("owner", "Owner").path("supported-ip-address-types", "SupportedIpAddressTypes").withShape(d -> d);
    details = Ec2Filters.apply(req.filters(), details.stream()
        .filter(d -> req.serviceNames().isEmpty() || req.serviceNames().contains(d.serviceName())).toList(),
        spec, id -> Map.of());
    // Keyed by name and id: an AWS service has one detail per endpoint type under one name.
    var page = cursor.page(details, d -> d.serviceName() + "\u0000" + d.serviceId());
    return DescribeVpcEndpointServicesResponse.builder().serviceDetails(page.items())
        .serviceNames(page.items().stream().map(ServiceDetail::serviceName).distinct().toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  private static void addPrefixListRoute(Transaction tx, String scope, RouteTable t, String pl, String endpointId) {
    Ec2Errors.throwIf(EndpointRules.prefixListRoute(t, pl));
    var dest = new RouteTable.PrefixListDestination(pl);
    List<RouteTable.Route> routes = new ArrayList<>(t.routes());
    routes.add(new RouteTable.Route(dest, new RouteTarget.GatewayEndpoint(endpointId),
        RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE));
    tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(routes));
  }

  /** AWS's default endpoint policy: full access. */
  private static String policy(String given) {
    return given != null ? given : "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
  }

  /** Shape check without throwing. */
  private static final class Ec2IdShape {
    static boolean ok(String id, IdKind kind) { return dev.stratus.ec2.model.Ec2Id.wellFormed(id, kind.prefix); }
  }
}
