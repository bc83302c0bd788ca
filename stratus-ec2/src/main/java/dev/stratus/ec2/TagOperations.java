package dev.stratus.ec2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Table;
import dev.stratus.ec2.model.ResourceTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Tags": CreateTags, DeleteTags and DescribeTags over every taggable resource. */
public final class TagOperations {
  /** Id kind → (table, DescribeTags resource-type). Longer prefixes first so tgw-rtb- wins over tgw-. */
  private record Kind(IdKind kind, Table<?> table, String resourceType) {}

  private static final List<Kind> KINDS = List.of(
      new Kind(IdKind.TRANSIT_GATEWAY_ROUTE_TABLE, Ec2Tables.TGW_ROUTE_TABLE, "transit-gateway-route-table"),
      new Kind(IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT, "transit-gateway-attachment"),
      new Kind(IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY, "transit-gateway"),
      new Kind(IdKind.VPC_ENDPOINT_SERVICE, Ec2Tables.VPC_ENDPOINT_SERVICE, "vpc-endpoint-service"),
      new Kind(IdKind.VPC_ENDPOINT, Ec2Tables.VPC_ENDPOINT, "vpc-endpoint"),
      new Kind(IdKind.VPC, Ec2Tables.VPC, "vpc"),
      new Kind(IdKind.SUBNET, Ec2Tables.SUBNET, "subnet"),
      new Kind(IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, "route-table"),
      new Kind(IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, "security-group"),
      new Kind(IdKind.NETWORK_ACL, Ec2Tables.NETWORK_ACL, "network-acl"),
      new Kind(IdKind.NETWORK_INTERFACE, Ec2Tables.NETWORK_INTERFACE, "network-interface"),
      new Kind(IdKind.INSTANCE, Ec2Tables.INSTANCE, "instance"),
      new Kind(IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY, "internet-gateway"),
      new Kind(IdKind.EGRESS_ONLY_INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY, "egress-only-internet-gateway"),
      new Kind(IdKind.NAT_GATEWAY, Ec2Tables.NAT_GATEWAY, "natgateway"),
      new Kind(IdKind.ALLOCATION, Ec2Tables.ADDRESS, "elastic-ip"),
      new Kind(IdKind.PEERING, Ec2Tables.PEERING, "vpc-peering-connection"),
      new Kind(IdKind.CUSTOMER_GATEWAY, Ec2Tables.CUSTOMER_GATEWAY, "customer-gateway"),
      new Kind(IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, "vpn-gateway"),
      new Kind(IdKind.VPN_CONNECTION, Ec2Tables.VPN_CONNECTION, "vpn-connection"),
      new Kind(IdKind.DHCP_OPTIONS, Ec2Tables.DHCP_OPTIONS, "dhcp-options"));

  private final Ec2Store store;

  public TagOperations(Ec2Store store) { this.store = store; }

  public CreateTagsResponse createTags(RequestContext ctx, CreateTagsRequest req) {
    String scope = ctx.regionalScope();
    if (req.resources().isEmpty()) throw Ec2Errors.missing("ResourceId");
    return store.write(ctx, tx -> {
      req.resources().forEach(id -> kindOf(tx, scope, id));
      Ec2Store.dryRun(req.dryRun());
      req.resources().forEach(id -> Tags.put(tx, scope, id, req.tags()));
      return CreateTagsResponse.builder().build();
    });
  }

  public DeleteTagsResponse deleteTags(RequestContext ctx, DeleteTagsRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      req.resources().forEach(id -> kindOf(tx, scope, id));
      Ec2Store.dryRun(req.dryRun());
      for (String id : req.resources()) {
        Map<String, String> tags = new LinkedHashMap<>(
            tx.get(Ec2Tables.TAGS, scope, id).map(ResourceTags::tags).orElse(Map.of()));
        if (req.tags().isEmpty()) tags.clear();
        for (Tag t : req.tags()) {
          if (t.value() == null || t.value().equals(tags.get(t.key()))) tags.remove(t.key());
        }
        tx.put(Ec2Tables.TAGS, scope, id, new ResourceTags(id, tags));
      }
      return DeleteTagsResponse.builder().build();
    });
  }

  /** Pages by (resource id, tag key). */
  public DescribeTagsResponse describeTags(RequestContext ctx, DescribeTagsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_TAGS, req.maxResults(), req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    List<TagDescription> all = new ArrayList<>();
    for (ResourceTags rt : store.read(ctx).list(Ec2Tables.TAGS, scope)) {
      String type = KINDS.stream().filter(k -> rt.resourceId().startsWith(k.kind().prefix)).findFirst()
          .map(Kind::resourceType).orElse("unknown");
      rt.tags().forEach((k, v) -> all.add(TagDescription.builder().resourceId(rt.resourceId()).resourceType(type)
          .key(k).value(v).build()));
    }
    var spec = Ec2Filters.Spec.<TagDescription>of(TagDescription::resourceId)
        .one("key", TagDescription::key).one("value", TagDescription::value)
        .one("resource-id", TagDescription::resourceId).one("resource-type", TagDescription::resourceTypeAsString);
    // NUL sorts below every character of a tag key, so the joined key orders by resource id, then tag key.
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, spec, id -> Map.of()),
        t -> t.resourceId() + "\u0000" + t.key());
    return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextTokenOrNull()).build();
  }

  /** Checks the id's shape and existence, answering the kind's own malformed / not-found error. */
  private static void kindOf(ReadView view, String scope, String id) {
    Kind kind = KINDS.stream().filter(k -> id != null && id.startsWith(k.kind().prefix)).findFirst()
        .orElseThrow(() -> Ec2Errors.invalidParameterValue("Invalid id: \"" + id + "\""));
    kind.kind().checkShape(id);
    if (view.get(kind.table(), scope, id).isEmpty()) throw kind.kind().notFound(id);
  }
}
