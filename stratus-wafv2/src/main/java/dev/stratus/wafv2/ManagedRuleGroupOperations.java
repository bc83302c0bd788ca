package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import dev.stratus.wafv2.engine.ManagedRuleGroups;
import java.time.Instant;
import java.util.ArrayList;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * The catalogue of AWS managed rule groups: what exists, which versions, which rules and labels.
 * It reads the engine's {@link ManagedRuleGroups}, so what is described is what runs.
 */
public final class ManagedRuleGroupOperations {

  public ListAvailableManagedRuleGroupsResponse listAvailableManagedRuleGroups(RequestContext ctx,
      ListAvailableManagedRuleGroupsRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    return ListAvailableManagedRuleGroupsResponse.builder().managedRuleGroups(ManagedRuleGroups.offerings().stream()
        .map(o -> ManagedRuleGroupSummary.builder().vendorName(ManagedRuleGroups.VENDOR).name(o.name())
            .versioningSupported(o.versioningSupported()).description(o.group().description()).build())
        .toList()).build();
  }

  public ListAvailableManagedRuleGroupVersionsResponse listAvailableManagedRuleGroupVersions(RequestContext ctx,
      ListAvailableManagedRuleGroupVersionsRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    var o = ManagedRuleGroups.offering(req.vendorName(), req.name()).orElseThrow(WafErrors::nonexistentItem);
    var versions = new ArrayList<ManagedRuleGroupVersion>();
    // Newest first, as AWS lists them; dates are illustrative, one a month back from the default.
    int n = o.versions().size();
    for (int i = n - 1; i >= 0; i--) {
      versions.add(ManagedRuleGroupVersion.builder().name(o.versions().get(i))
          .lastUpdateTimestamp(Instant.parse("2025-06-01T00:00:00Z").minusSeconds(2_592_000L * (n - 1 - i)))
          .build());
    }
    return ListAvailableManagedRuleGroupVersionsResponse.builder().versions(versions)
        .currentDefaultVersion(o.defaultVersion()).build();
  }

  public DescribeManagedRuleGroupResponse describeManagedRuleGroup(RequestContext ctx, DescribeManagedRuleGroupRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    var o = ManagedRuleGroups.offering(req.vendorName(), req.name()).orElseThrow(WafErrors::nonexistentItem);
    if (!o.hasVersion(req.versionName())) throw WafErrors.nonexistentItem();
    RuleGroup g = o.group();
    var rules = g.rules().stream().map(r -> RuleSummary.builder().name(r.name()).action(r.action()).build()).toList();
    return DescribeManagedRuleGroupResponse.builder()
        .versionName(req.versionName() != null ? req.versionName() : o.defaultVersion())
        .capacity(g.capacity()).rules(rules).labelNamespace(g.labelNamespace()).availableLabels(g.availableLabels())
        .build();
  }
}
