package dev.stratus.ec2.vpc;

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
import dev.stratus.ec2.model.DhcpOptions;
import dev.stratus.ec2.model.Vpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "DHCP options": option sets and their association with VPCs. */
public final class DhcpOptionsOperations {
  /** The option keys AWS accepts. */
  private final Ec2Store store;

  public DhcpOptionsOperations(Ec2Store store) { this.store = store; }

  public CreateDhcpOptionsResponse createDhcpOptions(RequestContext ctx, CreateDhcpOptionsRequest req) {
    String scope = ctx.regionalScope();
    Ec2Errors.throwIf(DhcpOptionsRules.createDhcpOptions(
        req.dhcpConfigurations().stream().map(NewDhcpConfiguration::key).toList()));
    Map<String, List<String>> config = new LinkedHashMap<>();
    for (NewDhcpConfiguration c : req.dhcpConfigurations()) config.put(c.key(), List.copyOf(c.values()));
    Ec2Store.dryRun(req.dryRun());
    return store.write(ctx, tx -> {
      var d = new DhcpOptions(IdKind.DHCP_OPTIONS.next(), config);
      tx.put(Ec2Tables.DHCP_OPTIONS, scope, d.id(), d);
      Tags.apply(tx, scope, d.id(), "dhcp-options", req.tagSpecifications());
      return CreateDhcpOptionsResponse.builder()
          .dhcpOptions(VpcShapes.dhcp(d, ctx.accountId(), Tags.of(tx, scope).apply(d.id()))).build();
    });
  }

  public DescribeDhcpOptionsResponse describeDhcpOptions(RequestContext ctx, DescribeDhcpOptionsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_DHCP_OPTIONS, req.maxResults(), req.nextToken(),
        req.dhcpOptionsIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var spec = Ec2Filters.Spec.<DhcpOptions>of(DhcpOptions::id).one("dhcp-options-id", DhcpOptions::id)
        .many("key", d -> d.configurations().keySet().stream().toList())
        .many("value", d -> d.configurations().values().stream().flatMap(List::stream).toList())
        .one("owner-id", d -> ctx.accountId());
    var page = cursor.page(Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.DHCP_OPTIONS, Ec2Tables.DHCP_OPTIONS, req.dhcpOptionsIds()), spec, tags),
        DhcpOptions::id);
    return DescribeDhcpOptionsResponse.builder().dhcpOptions(page.items().stream()
        .map(d -> VpcShapes.dhcp(d, ctx.accountId(), tags.apply(d.id()))).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public AssociateDhcpOptionsResponse associateDhcpOptions(RequestContext ctx, AssociateDhcpOptionsRequest req) {
    String scope = ctx.regionalScope();
    String id = Ec2Store.param(req.dhcpOptionsId(), "DhcpOptionsId");
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      if (!id.equals("default")) Ec2Store.require(tx, scope, IdKind.DHCP_OPTIONS, Ec2Tables.DHCP_OPTIONS, id);
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPC, scope, vpc.id(), vpc.withDhcpOptionsId(id));
      return AssociateDhcpOptionsResponse.builder().build();
    });
  }

  public DeleteDhcpOptionsResponse deleteDhcpOptions(RequestContext ctx, DeleteDhcpOptionsRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var d = Ec2Store.require(tx, scope, IdKind.DHCP_OPTIONS, Ec2Tables.DHCP_OPTIONS, req.dhcpOptionsId());
      Ec2Errors.throwIf(DhcpOptionsRules.deleteDhcpOptions(d, tx.list(Ec2Tables.VPC, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.DHCP_OPTIONS, scope, d.id());
      Tags.drop(tx, scope, d.id());
      return DeleteDhcpOptionsResponse.builder().build();
    });
  }
}
