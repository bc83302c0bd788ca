package dev.stratus.wafv2;

import dev.stratus.core.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import software.amazon.awssdk.services.wafv2.model.*;

/** The catalogue of AWS managed rule groups: what exists, which versions, which rules and labels. */
public final class ManagedRuleGroupOperations {

  public ListAvailableManagedRuleGroupsResponse listAvailableManagedRuleGroups(RequestContext ctx,
      ListAvailableManagedRuleGroupsRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    return ListAvailableManagedRuleGroupsResponse.builder().managedRuleGroups(ManagedRuleGroups.AWS.stream()
        .map(g -> ManagedRuleGroupSummary.builder().vendorName("AWS").name(g.name())
            .versioningSupported(!g.versions().isEmpty()).description(g.description()).build())
        .toList()).build();
  }

  public ListAvailableManagedRuleGroupVersionsResponse listAvailableManagedRuleGroupVersions(RequestContext ctx,
      ListAvailableManagedRuleGroupVersionsRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    var g = ManagedRuleGroups.find(req.vendorName(), req.name()).orElseThrow(WafErrors::nonexistentItem);
    var versions = new ArrayList<ManagedRuleGroupVersion>();
    // Newest first, as AWS lists them; dates are illustrative, one a month back from the default.
    for (int i = g.versions().size() - 1; i >= 0; i--) {
      versions.add(ManagedRuleGroupVersion.builder().name(g.versions().get(i))
          .lastUpdateTimestamp(Instant.parse("2025-06-01T00:00:00Z").minusSeconds(2_592_000L * (g.versions().size() - 1 - i)))
          .build());
    }
    return ListAvailableManagedRuleGroupVersionsResponse.builder().versions(versions)
        .currentDefaultVersion(g.defaultVersion()).build();
  }

  public DescribeManagedRuleGroupResponse describeManagedRuleGroup(RequestContext ctx, DescribeManagedRuleGroupRequest req) {
    Resources.scope(ctx, req.scopeAsString());
    var g = ManagedRuleGroups.find(req.vendorName(), req.name()).orElseThrow(WafErrors::nonexistentItem);
    if (req.versionName() != null && !g.versions().contains(req.versionName())) throw WafErrors.nonexistentItem();
    var rules = g.rules().stream().map(r -> RuleSummary.builder().name(r.name()).action(action(r.action())).build()).toList();
    var labels = g.rules().stream().map(r -> LabelSummary.builder().name(r.label()).build()).toList();
    return DescribeManagedRuleGroupResponse.builder()
        .versionName(req.versionName() != null ? req.versionName() : g.defaultVersion())
        .capacity((long) g.capacity()).rules(rules).labelNamespace(g.labelNamespace()).availableLabels(labels)
        .build();
  }

  private static RuleAction action(String name) {
    return switch (name) {
      case "Count" -> RuleAction.builder().count(CountAction.builder().build()).build();
      default -> RuleAction.builder().block(BlockAction.builder().build()).build();
    };
  }
}
