package dev.stratus.ec2.security;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.model.AwsServices;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Managed prefix lists": the AWS-managed lists of S3 and DynamoDB (vpc.md §38). */
public final class PrefixListOperations {
  private static final Ec2Filters.Spec<dev.stratus.ec2.model.ManagedPrefixList> FILTERS =
      Ec2Filters.Spec.<dev.stratus.ec2.model.ManagedPrefixList>of(dev.stratus.ec2.model.ManagedPrefixList::id)
          .one("prefix-list-id", dev.stratus.ec2.model.ManagedPrefixList::id).one("prefix-list-name", dev.stratus.ec2.model.ManagedPrefixList::prefixListName)
          .one("owner-id", p -> "AWS");

  private final Ec2Store store;

  public PrefixListOperations(Ec2Store store) { this.store = store; }

  public DescribePrefixListsResponse describePrefixLists(RequestContext ctx, DescribePrefixListsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_PREFIX_LISTS, req.maxResults(), req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    var page = cursor.page(select(ctx, req.prefixListIds(), req.filters()), dev.stratus.ec2.model.ManagedPrefixList::id);
    return DescribePrefixListsResponse.builder().prefixLists(page.items().stream()
        .map(p -> PrefixList.builder().prefixListId(p.id()).prefixListName(p.prefixListName())
            .cidrs(p.entries().stream().map(Cidr::toString).toList()).build()).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public DescribeManagedPrefixListsResponse describeManagedPrefixLists(RequestContext ctx,
      DescribeManagedPrefixListsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_MANAGED_PREFIX_LISTS, req.maxResults(), req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    var page = cursor.page(select(ctx, req.prefixListIds(), req.filters()), dev.stratus.ec2.model.ManagedPrefixList::id);
    return DescribeManagedPrefixListsResponse.builder().nextToken(page.nextTokenOrNull()).prefixLists(page.items()
        .stream().map(p -> ManagedPrefixList.builder().prefixListId(p.id()).prefixListName(p.prefixListName())
            .addressFamily(p.addressFamily()).state("create-complete").maxEntries(p.entries().size()).version(1L).ownerId("AWS")
            .prefixListArn("arn:aws:ec2:" + ctx.region() + ":aws:prefix-list/" + p.id()).build()).toList()).build();
  }

  public GetManagedPrefixListEntriesResponse getManagedPrefixListEntries(RequestContext ctx,
      GetManagedPrefixListEntriesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.GET_MANAGED_PREFIX_LIST_ENTRIES, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    var list = select(ctx, List.of(Ec2Store.param(req.prefixListId(), "PrefixListId")), List.of()).get(0);
    var page = cursor.page(list.entries().stream().map(Cidr::toString).toList(), c -> c);
    return GetManagedPrefixListEntriesResponse.builder().entries(page.items().stream()
        .map(c -> PrefixListEntry.builder().cidr(c).build()).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  private static List<dev.stratus.ec2.model.ManagedPrefixList> select(RequestContext ctx, List<String> ids, List<Filter> filters) {
    List<dev.stratus.ec2.model.ManagedPrefixList> all = AwsServices.prefixLists(ctx.region());
    ids.forEach(IdKind.PREFIX_LIST::checkShape);
    for (String id : ids) {
      if (all.stream().noneMatch(p -> p.id().equals(id))) throw IdKind.PREFIX_LIST.notFound(id);
    }
    return Ec2Filters.apply(filters, all.stream().filter(p -> ids.isEmpty() || ids.contains(p.id())).toList(),
        FILTERS, id -> Map.of());
  }
}
